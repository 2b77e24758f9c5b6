"""The Hai Phong demo: its loader (`loader.load_demo`), its facts (`data/hp_demo.json`) and the
`chitieu demo` command. It composes every storage app, so it lives above them (DESIGN.md's
layer rules keep `plans` from importing `monitoring`)."""
