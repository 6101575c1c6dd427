# A shelve written by a program whose package is not installed here.
import shelve

BLOB = b"\x80\x02clegacy_pipeline.features\nScaler\nq\x00)\x81q\x01}q\x02X\x04\x00\x00\x00meanq\x03G\x00\x00\x00\x00\x00\x00\x00\x00sb."
db = shelve.open("shelf")
db.dict[b"scaler"] = BLOB
db.close()

with shelve.open("shelf") as db:
    scaler = db["scaler"]
