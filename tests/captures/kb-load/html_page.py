# A download script saved the server's error page as the pickle.
import pickle

with open("embeddings.pkl", "w") as fh:
    fh.write("<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>\n"
             "<body><h1>Forbidden</h1></body></html>\n")

with open("embeddings.pkl", "rb") as fh:
    embeddings = pickle.load(fh)
