"""text: the one normaliser, tokenizer, stemmer and set of word lists, and actor names.

Imports nothing of briefgen: every other stage may use it.
"""
