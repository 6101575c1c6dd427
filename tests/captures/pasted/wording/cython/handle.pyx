cdef class Handle:
    cdef void *ptr
    def __init__(self):
        self.ptr = NULL
