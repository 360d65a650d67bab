package validate

import "github.com/procx/procx/schema"

// Codes raised by the stages before validation. They have no Run; they are
// registered so that every code has its documentation in one place.
var (
	_ = register(&Check{Code: "unparsed-text", Severity: schema.Warning,
		Title: "input text that belongs to no record",
		Doc: `A non-blank input line that procx could not place in any record, heading,
header or footer. procx never drops text silently: whatever it cannot read is
reported here with its position, so that nothing is lost.

Fix: if the line is part of a paper, check the layout around it (title line,
author lines, the parenthesised affiliation line, the BibTeX block); if it is
noise from the dump, delete it.`})
	_ = register(&Check{Code: "encoding", Severity: schema.Warning,
		Title: "input was not valid utf-8 or was utf-16 without a byte order mark",
		Doc: `The input was not UTF-8. procx decoded it another way and says how: UTF-16
recognised by its NUL byte pattern, or Windows-1252 for bytes that are not
valid UTF-8.

Fix: save the file as UTF-8.`})
	_ = register(&Check{Code: "limit", Severity: schema.Error,
		Title: "a file hit a size, depth or time limit",
		Doc: `Reading stopped at a limit (file size, line length, brace depth, number of
authors, PDF pages, decompressed stream size or time). The message names the
limit; the rest of the batch goes on.

Fix: raise the limit with its flag if the input is genuine.`})
	_ = register(&Check{Code: "bibtex-syntax", Severity: schema.Error,
		Title: "malformed bibtex",
		Doc: `A BibTeX entry that cannot be read: unbalanced braces, a missing comma
between fields, a missing '=' or an entry that never closes. The entry is
skipped; parsing resumes at the next entry, so one broken entry costs only
itself.

Fix: balance the braces or add the missing punctuation at the position shown.`})
	_ = register(&Check{Code: "schema", Severity: schema.Error,
		Title: "the record breaks the json schema",
		Doc: `The volume procx produced, or the procx JSON it was given, does not satisfy
the JSON Schema printed by "procx schema". The diagnostic carries the JSON
Pointer of the offending value. A property given twice in one object of
procx JSON is reported too, at the second: procx, like most JSON readers,
keeps the last value and loses the first.

Fix: correct the value at the pointer (a page that is not a number, a DOI that
does not start with "10.", an empty title).`})
	_ = register(&Check{Code: "mojibake", Severity: schema.Warning,
		Title: "double-encoded or mis-decoded text",
		Doc: `Text that was UTF-8 decoded once too often as Windows-1252 or Latin-1
("RÃ©veillÃ¨re" for "Réveillère"). procx repairs it when the reverse
transformation is exact and says so; otherwise it reports it and leaves it.

Fix: re-export the metadata as UTF-8 from its source.`})
	_ = register(&Check{Code: "not-nfc", Severity: schema.Info,
		Title: "text was not in unicode nfc (normalized)",
		Doc: `The text used decomposed characters (e followed by a combining accent)
where Unicode NFC has one code point. procx normalized it; search and
comparison work on NFC.

Fix: nothing is required; tools that compare bytes will prefer NFC input.`})
	_ = register(&Check{Code: "invisible-char", Severity: schema.Warning,
		Title: "control, zero-width or bidi characters in a field",
		Doc: `A field contained characters that do not print: C0/C1 controls, zero-width
spaces and joiners, soft hyphens or bidirectional controls. procx removed them.

Fix: delete them from the source; they break search and sorting.`})
	_ = register(&Check{Code: "mixed-script", Severity: schema.Warning,
		Title: "a name mixing scripts",
		Doc: `A word in a name mixes Latin letters with Cyrillic or Greek look-alikes
("Tаzaki" with a Cyrillic а). procx reports it and changes nothing.

Fix: retype the word in one script.`})
	_ = register(&Check{Code: "latex-in-text", Severity: schema.Warning,
		Title: "latex markup left in a field after decoding",
		Doc: `A LaTeX command that procx does not translate to Unicode is still in a field
after decoding.

Fix: write the character in Unicode, or use a command procx knows.`})
	_ = register(&Check{Code: "affiliation-unparsed", Severity: schema.Warning,
		Title: "an affiliation without a recognisable country or institution",
		Doc: `An affiliation part ("Institution, Country") whose country procx does not
recognise. The text is kept as the institution.

Fix: end the affiliation with a country name ("University of Tokyo, Japan").`})
	_ = register(&Check{Code: "name-case", Severity: schema.Warning,
		Title: "a name written all in capitals or all in lowercase",
		Doc: `An author's name, or its family name, is written all in capitals ("LIU, Ao")
or all in lowercase ("bidkhori, hoda"). procx never changes the case of a
letter, because it cannot know the right spelling ("McKinley", "de Palma",
"HeuiChan"); it keeps the name as written and reports it.

Fix: write the name with the capitals its owner uses.`})
	_ = register(&Check{Code: "empty-input", Severity: schema.Warning,
		Title: "an input with no text",
		Doc: `The input is empty or holds only white space, so it has no records. In a
batch this is usually a failed download or export.

Fix: regenerate the file, or remove it from the batch.`})
	_ = register(&Check{Code: "internal-error", Severity: schema.Error,
		Title: "procx failed on this input",
		Doc: `A bug in procx stopped it from reading this input; the rest of the batch
goes on.

Fix: please report the input that caused it.`})
)
