# Not a pickling failure: an interactive prompt reads from a closed standard input.
if __name__ == "__main__":
    answer = input("continue? ")
