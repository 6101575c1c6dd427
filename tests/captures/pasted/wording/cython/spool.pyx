cdef class Spool:
    cdef int fd
    def __cinit__(self, int fd):
        self.fd = fd
