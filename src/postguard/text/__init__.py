"""Text handling shared by analyzers: normalisation with an offset map, sentences, Markdown."""
