#!/usr/bin/python3
"""Independent GPT-2 byte-level BPE (algorithm of OpenAI gpt-2 src/encoder.py).

Run:  /usr/bin/python3 tools/oracle/gpt2_tokenizer_cases.py [vocab_dir]
Reads <vocab_dir>/vocab.json and merges.txt (default /work/shared/gpt2-tokenizer) and writes
src/test/resources/fixtures/gpt2_tokenizer_cases.json = {"cases": [{"text":..., "ids":[...]}, ...]}.
"""
import json
import os
import sys

import regex

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "gpt2_tokenizer_cases.json")
PAT = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def get_pairs(word):
    return set(zip(word[:-1], word[1:]))


class Encoder:
    def __init__(self, vocab_dir):
        with open(os.path.join(vocab_dir, "vocab.json"), encoding="utf-8") as f:
            self.encoder = json.load(f)
        with open(os.path.join(vocab_dir, "merges.txt"), encoding="utf-8") as f:
            lines = f.read().split("\n")
        merges = [tuple(l.split()) for l in lines[1:] if l.strip() and not l.startswith("#version")]
        self.ranks = dict(zip(merges, range(len(merges))))
        self.byte_encoder = bytes_to_unicode()
        self.cache = {}

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token)
        pairs = get_pairs(word)
        if not pairs:
            return [token]
        while True:
            bigram = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if bigram not in self.ranks:
                break
            first, second = bigram
            new_word = []
            i = 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                except ValueError:
                    new_word.extend(word[i:])
                    break
                new_word.extend(word[i:j])
                i = j
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new_word.append(first + second)
                    i += 2
                else:
                    new_word.append(word[i])
                    i += 1
            word = tuple(new_word)
            if len(word) == 1:
                break
            pairs = get_pairs(word)
        self.cache[token] = list(word)
        return list(word)

    def encode(self, text):
        ids = []
        for tok in regex.findall(PAT, text):
            tok = "".join(self.byte_encoder[b] for b in tok.encode("utf-8"))
            ids.extend(self.encoder[t] for t in self.bpe(tok))
        return ids

    def decode(self, ids):
        dec = {v: k for k, v in self.encoder.items()}
        bdec = {v: k for k, v in self.byte_encoder.items()}
        return bytes(bdec[c] for c in "".join(dec[i] for i in ids)).decode("utf-8", errors="replace")


TEXTS = [
    "",
    "Hello",
    " world",
    " the",
    "Hello world",
    "When Mary and John went to the store, John gave a drink to",
    "When Mary and John went to the store, John gave a drink to Mary",
    "After the lunch, Alice and Bob went to the park. Bob gave a ball to",
    "Then, Sarah and Michael had a long argument. Afterwards Michael said to",
    "The war lasted from the year 1732 to the year 17",
    "The war lasted from the year 1799 to the year 18",
    " Mary", " John", " Alice", " Bob", "Mary", " Christopher", " Zelda",
    "I'm", "they'll", "We've", "she'd", "it's", "you're", "can't", "DON'T", "O'Neil",
    "hello  world", "a   b    c", "   leading spaces", "trailing spaces   ",
    "line one\nline two", "\n\n", "para\n\n\nnext", "tab\tseparated\tvalues", " \t \n ",
    "Wait... what?!", "!!!???", "(a+b)*c = d;", "foo-bar_baz", "$100.00 & 50%", "--> <!-- -->",
    "café", "über", "naïve résumé", "日本語", "こんにちは世界", "emoji 😀🎉", "👍🏽",
    "mixed 123abc 4.5e6", "2024-01-01", "12345678901234567890",
]
for n in range(100):
    TEXTS.append("%02d" % n)
for n in range(100):
    TEXTS.append(" 17%02d" % n)
for n in range(0, 100, 11):
    TEXTS.append("The war lasted from the year 17%02d to the year 17" % n)


def main():
    vocab_dir = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/gpt2-tokenizer"
    enc = Encoder(vocab_dir)
    assert enc.encode("Hello") == [15496]
    assert enc.encode(" world") == [995]
    assert enc.encode(" the") == [262]
    assert enc.encode("") == []
    cases = []
    for t in TEXTS:
        ids = enc.encode(t)
        assert enc.decode(ids) == t, t  # byte-level BPE round-trips exactly
        cases.append({"text": t, "ids": ids})
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"source": "tools/oracle/gpt2_tokenizer_cases.py (GPT-2 encoder.py algorithm)",
                   "cases": cases}, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), OUT))
    for c in cases[:12] + cases[-3:]:
        print(repr(c["text"]), c["ids"])


if __name__ == "__main__":
    main()
