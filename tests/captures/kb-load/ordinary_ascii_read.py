# Not a pickle failure: UTF-8 text read with the ASCII codec.
with open("notes.txt", "wb") as fh:
    fh.write(u"caf\u00e9\n".encode("utf-8"))

with open("notes.txt", encoding="ascii") as fh:
    print(fh.read())
