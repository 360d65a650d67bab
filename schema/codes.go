package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Code is the stable name of a kind of diagnostic ("pages-overlap"). Codes
// are part of procx's contract: outside tools match on them, "procx
// explain CODE" documents them, and --disable names them. Every code procx
// raises is declared here once, with its default severity and its
// documentation; the stages raise them by these values, never by a string.
type Code string

// The codes, in the order of DESIGN.md.
const (
	UnparsedText        Code = "unparsed-text"
	HTMLExtraText       Code = "html-extra-text"
	PaperUnreadText     Code = "paper-unread-text"
	PaperNoFrontMatter  Code = "paper-no-front-matter"
	Encoding            Code = "encoding"
	Limit               Code = "limit"
	BibTeXSyntax        Code = "bibtex-syntax"
	XMLSyntax           Code = "xml-syntax"
	MissingField        Code = "missing-field"
	Schema              Code = "schema"
	PagesOverlap        Code = "pages-overlap"
	PagesGap            Code = "pages-gap"
	PagesReversed       Code = "pages-reversed"
	PagesFormat         Code = "pages-format"
	PagesDash           Code = "pages-dash"
	DuplicateDOI        Code = "duplicate-doi"
	DuplicateKey        Code = "duplicate-key"
	DuplicateTitle      Code = "duplicate-title"
	DOIFormat           Code = "doi-format"
	DOIPrefix           Code = "doi-prefix"
	DOIURL              Code = "doi-url"
	KeyPageMismatch     Code = "key-page-mismatch"
	AuthorMismatch      Code = "author-mismatch"
	TitleMismatch       Code = "title-mismatch"
	DOIMismatch         Code = "doi-mismatch"
	PagesMismatch       Code = "pages-mismatch"
	YearMismatch        Code = "year-mismatch"
	Mojibake            Code = "mojibake"
	NotNFC              Code = "not-nfc"
	InvisibleChar       Code = "invisible-char"
	MixedScript         Code = "mixed-script"
	LaTeXInText         Code = "latex-in-text"
	BibTeXUnescaped     Code = "bibtex-unescaped"
	BibTeXRepeatedField Code = "bibtex-repeated-field"
	AffiliationUnparsed Code = "affiliation-unparsed"
	NameCase            Code = "name-case"
	EmptyInput          Code = "empty-input"
	UnreadableInput     Code = "unreadable-input"
	UnknownFormat       Code = "unknown-format"
	InternalError       Code = "internal-error"
	UnusedIgnore        Code = "unused-ignore"
	PDFTitleMismatch    Code = "pdf-title-mismatch"
	PDFAuthorMismatch   Code = "pdf-author-mismatch"
	PDFPagesMismatch    Code = "pdf-pages-mismatch"
	PDFMissing          Code = "pdf-missing"
	PDFUnmatched        Code = "pdf-unmatched"
)

// CodeDoc documents a code: the severity procx raises it with, a one-line
// title and a text that says what it means and how to fix it.
type CodeDoc struct {
	Code     Code
	Severity Severity
	Title    string // one line, lowercase
	Doc      string
}

// codeDocs documents every code, in the order of the constants.
var codeDocs = [...]CodeDoc{
	{UnparsedText, Warning, "input text that belongs to no record",
		`A non-blank input line that procx could not place in any record, heading,
header or footer. procx never drops text silently: whatever it cannot read is
reported here with its position, so that nothing is lost.

Fix: if the line is part of a paper, check the layout around it (title line,
author lines, the parenthesised affiliation line, the BibTeX block); if it is
noise from the dump, delete it.`},
	{PaperUnreadText, Info, "lines of a paper's first page in no field",
		`One diagnostic per paper PDF summing up the lines of its first page that
went into no field of the record (running heads, editors, footnotes, the first
lines of the body): how many, and the first of them quoted with their position.
Nothing is lost silently, and a paper does not get one warning per line.

Fix: nothing, unless a quoted line is part of the title, the author block or
the abstract; then the layout misled procx: please report the PDF.`},
	{PaperNoFrontMatter, Warning, "a pdf page that does not read as a paper's front matter",
		`A PDF that is neither a table of contents nor a paper whose first page
procx can read: it found no title in a larger type, or no author names between
the title and the abstract. The message says what was missing. procx makes no
record of it rather than one with missing fields.

Fix: check that the file is a paper (not a cover page, a scan without text, a
poster); a paper whose first page puts the authors elsewhere (at the end, in a
footnote) cannot be read from its front matter.`},
	{HTMLExtraText, Info, "text on an html page outside the parts procx reads",
		`Text of an HTML page that is not part of a title, author list, abstract,
heading or session: navigation, banners, footers. procx reports it with its
position so that nothing is lost silently, at info level because such pages
always carry some.

Fix: nothing, unless the text belongs to a paper; then check the page's markup
around it.`},
	{Encoding, Warning, "input was not valid utf-8 or was utf-16 without a byte order mark",
		`The input was not UTF-8. procx decoded it another way and says how: UTF-16
recognised by its NUL byte pattern, or Windows-1252 for bytes that are not
valid UTF-8.

Fix: save the file as UTF-8.`},
	{Limit, Error, "a file hit a size, depth or time limit",
		`Reading stopped at a limit (file size, line length, brace depth, number of
authors, PDF pages, decompressed stream size or time). The message names the
limit; the rest of the batch goes on.

Fix: raise the limit with its flag if the input is genuine.`},
	{BibTeXSyntax, Error, "malformed bibtex",
		`A BibTeX entry that cannot be read: unbalanced braces, a missing comma
between fields, a missing '=' or an entry that never closes. The entry is
skipped; parsing resumes at the next entry, so one broken entry costs only
itself.

Fix: balance the braces or add the missing punctuation at the position shown.`},
	{XMLSyntax, Error, "malformed xml",
		`An XML dump (dblp, ACL Anthology) that is not well-formed: a tag that is
never closed or closes the wrong element, a character that XML does not
allow, a file that ends in the middle of a record, or an entity reference
("&foo;") that the format's DTD does not declare. A record with a syntax
error is skipped and reading resumes at the next record's start tag, so one
broken record costs only itself; an undeclared entity costs nothing: it is
kept in the text as written.

Fix: correct the markup at the position shown; write "&amp;" for a literal
"&"; a truncated file needs a fresh download.`},
	{MissingField, Error, "a required field is absent or empty",
		`A field that a record needs is absent or empty: a paper's title or authors;
a BibTeX field its entry type requires (author, title, booktitle and year for
@inproceedings; journal for @article; ...); or pages, a DOI or a BibTeX entry
that most papers of the volume have and this one lacks. A record whose BibTeX
entry could not be parsed is reported as bibtex-syntax instead.

Fix: add the field.`},
	{Schema, Error, "the record breaks the json schema",
		`The volume procx produced, or the procx JSON it was given, does not satisfy
the JSON Schema printed by "procx schema". The diagnostic carries the JSON
Pointer of the offending value. A property given twice in one object of
procx JSON is reported too, at the second: procx, like most JSON readers,
keeps the last value and loses the first.

Fix: correct the value at the pointer (a page that is not a number, a DOI that
does not start with "10.", an empty title).`},
	{PagesOverlap, Error, "two papers of a volume share pages",
		`Within a volume, sorted by first page, a paper starts on or before the last
page of the paper before it. The diagnostic sits on the later paper and points
at the earlier one. Front matter in roman numerals, and each article number of
article-style ranges ("4:1--4:56"), are sequences of their own.

Fix: correct the page range of one of the two papers.`},
	{PagesGap, Warning, "pages missing between consecutive papers",
		`Within a volume, sorted by first page, pages are missing between one paper's
last page and the next paper's first page.

Fix: correct the ranges, or ignore when the volume really has blank pages.`},
	{PagesReversed, Error, "first page after last page",
		`A page range whose first page is after its last ("14--1").

Fix: swap or correct the two pages.`},
	{PagesFormat, Error, "a page range that cannot be read",
		`A pages value that is not a page range procx can read. Accepted: "1--14",
"1-14", "1–14", "1—14", a single page "1219", article-style "4:1--4:56" and
"6e:1-6e:2", roman front matter "xi--xii".

Fix: write the range in one of those forms.`},
	{PagesDash, Info, "a bibtex page range with one hyphen or an en dash",
		`A BibTeX pages value written "1-14" or "1–14". procx reads it, but BibTeX
styles print the range as written, and BibTeX's own form is "1--14" (an en
dash when typeset). procx fix rewrites it.

Fix: write the range with "--".`},
	{DuplicateDOI, Error, "two records with one doi",
		`Two records of a volume carry the same DOI, compared case-insensitively after
removing a resolver prefix ("https://doi.org/") and BibTeX escapes ("\_").
The diagnostic sits on the later record.

Fix: give each paper its own DOI.`},
	{DuplicateKey, Error, "two bibtex entries with one key",
		`Two BibTeX entries of a volume use the same citation key (compared without
case, as BibTeX does). LaTeX would cite only one of them.

Fix: rename one key.`},
	{DuplicateTitle, Warning, "two papers with one title (after normalization)",
		`Two papers of a volume have the same title once case, punctuation and white
space are folded: usually one paper listed twice.

Fix: remove the duplicate record or correct the title.`},
	{DOIFormat, Error, "not a doi",
		`A DOI field that is not a DOI: a DOI is "10.", a registrant code of four or
more digits, "/" and a suffix without spaces ("10.1145/3453933.3454010"). A
resolver prefix ("https://doi.org/") is accepted and removed.

Fix: copy the DOI from the publisher's record.`},
	{DOIURL, Info, "a doi written as a link or with doi:",
		`A DOI written as a resolver link ("https://doi.org/10.1145/3453933.3454010")
or with a "doi:" prefix. procx reads the DOI in it, but the doi field of
BibTeX and of procx JSON holds the bare DOI; styles add the link themselves.
procx fix removes the prefix.

Fix: write the bare DOI ("10.1145/3453933.3454010").`},
	{DOIPrefix, Warning, "a paper's doi outside the volume's doi prefix",
		`Most DOIs of a volume share a prefix (the registrant and the volume's own
number, as in "10.1145/3453933."); a paper whose DOI has another prefix
probably carries the DOI of a paper in another volume.

Fix: check the DOI against the publisher's record.`},
	{KeyPageMismatch, Warning, "key names another first page",
		`The volume's BibTeX keys end in "p" and the paper's first page ("VEE21p84"),
but this paper's key names another page than its first ("VEE21p84" with pages
86--97). Checked only when most keys of the volume follow the pattern.

Fix: correct the pages or the key.`},
	{AuthorMismatch, Error, "prose authors and bibtex authors differ",
		`The author list in the prose and the author field of the paper's BibTeX
entry differ. The message says how: an author missing from the prose, an
extra author, the same authors in another order, or one author spelled
differently, and whether only accents differ ("Reveillere" against
"Réveillère").

Fix: make the two lists agree; the publisher's record decides.`},
	{TitleMismatch, Warning, "prose title and bibtex title differ beyond case and punctuation",
		`The title in the prose and the title field of the BibTeX entry differ in more
than case, punctuation, white space and BibTeX braces.

Fix: make the two titles agree.`},
	{DOIMismatch, Error, "a record's doi and its bibtex doi field differ",
		`The record's doi and the doi field of its own BibTeX entry name different DOIs
(compared without a resolver prefix such as https://doi.org/, and without case,
which DOIs ignore). Readers take the doi from the entry, so the two disagree
when one was edited by hand (in procx JSON) and the other was not.

Fix: make the two agree; the DOI registered for the paper decides.`},
	{PagesMismatch, Error, "a record's pages and its bibtex pages field differ",
		`The record's page range and the pages field of its own BibTeX entry name
different pages ("15--28" against "15--29"). Readers take the pages from the
entry, so the two disagree when one was edited by hand (in procx JSON) and the
other was not. A pages field procx cannot read is a pages-format finding instead.

Fix: make the two agree; the published volume decides.`},
	{YearMismatch, Warning, "a paper's year differs from the volume's",
		`A paper's year is not the year of its volume (the year of the proceedings
date, or else the year most papers give).

Fix: correct the year field.`},
	{Mojibake, Warning, "double-encoded or mis-decoded text",
		`Text that was UTF-8 decoded once too often as Windows-1252 or Latin-1
("RÃ©veillÃ¨re" for "Réveillère"). procx repairs it when the reverse
transformation is exact and says so; otherwise it reports it and leaves it.

Fix: re-export the metadata as UTF-8 from its source.`},
	{NotNFC, Info, "text was not in unicode nfc (normalized)",
		`The text used decomposed characters (e followed by a combining accent)
where Unicode NFC has one code point. procx normalized it; search and
comparison work on NFC.

Fix: nothing is required; tools that compare bytes will prefer NFC input.`},
	{InvisibleChar, Warning, "control, zero-width or bidi characters in a field",
		`A field contained characters that do not print: C0/C1 controls, zero-width
spaces and joiners, soft hyphens or bidirectional controls. procx removed them.

Fix: delete them from the source; they break search and sorting.`},
	{MixedScript, Warning, "a name mixing scripts",
		`A word in a name mixes Latin letters with Cyrillic or Greek look-alikes
("Tаzaki" with a Cyrillic а). procx reports it and changes nothing.

Fix: retype the word in one script.`},
	{LaTeXInText, Warning, "latex markup left in a field after decoding",
		`A LaTeX command that procx does not translate to Unicode is still in a field
after decoding.

Fix: write the character in Unicode, or use a command procx knows.`},
	{BibTeXRepeatedField, Warning, "a bibtex field given twice in one entry",
		`An entry gives the same field twice ("title = {A}, ... title = {B}"). BibTeX
keeps the first value and ignores the second, and so does procx; the
diagnostic sits on the second and quotes both.

Fix: delete the field given twice, or merge its values.`},
	{BibTeXUnescaped, Warning, "&, %, # or _ unescaped in a bibtex value",
		`A BibTeX value contains "&", "%", "#" or "_" without a backslash, outside
math. LaTeX stops with an error on them ("Misplaced alignment tab character
&"). URL, DOI and file fields are exempt: they are read verbatim.

Fix: write "\&", "\%", "\#", "\_".`},
	{AffiliationUnparsed, Warning, "an affiliation without a recognisable country or institution",
		`An affiliation part ("Institution, Country") whose country procx does not
recognise. The text is kept as the institution. Not reported for a paper read
from its own PDF, whose first page often names no country.

Fix: end the affiliation with a country name ("University of Tokyo, Japan").`},
	{NameCase, Warning, "a name written all in capitals or all in lowercase",
		`An author's name, or its family name, is written all in capitals ("LIU, Ao")
or all in lowercase ("bidkhori, hoda"). procx never changes the case of a
letter, because it cannot know the right spelling ("McKinley", "de Palma",
"HeuiChan"); it keeps the name as written and reports it.

Fix: write the name with the capitals its owner uses.`},
	{EmptyInput, Warning, "an input with no text",
		`The input is empty or holds only white space, so it has no records. In a
batch this is usually a failed download or export.

Fix: regenerate the file, or remove it from the batch.`},
	{UnreadableInput, Error, "an input that could not be read",
		`A path named on the command line, or a file or directory under one, could
not be read: it does not exist, is not readable, or is a directory that holds
no file procx reads (in a directory procx reads the files whose extensions
name a format it reads, which the message lists; a file named on the command
line is read whatever its extension). The message says why. The rest of the batch is read; the run exits 2, and -o writes no file.
The machine-readable outputs carry it (json and github as a diagnostic, sarif
as a notification of the run's invocation), as well as stderr. It is a failure
of the run, not a finding about an input, so --disable cannot silence it.

Fix: correct the path, or its permissions.`},
	{UnknownFormat, Error, "an input in no format procx reads",
		`The input is not in any format procx reads (a table of contents as text, ACM
OpenTOC HTML or text, BibTeX, PDF, procx JSON or JSONL), or it is in a format
procx recognises but cannot open: a PDF that is damaged, encrypted, has no
pages or no text (scanned pages, fonts without a text mapping). The message
says what was tried or what failed. Nothing of the file is read.

Fix: check that the file is what you meant to give (a failed download is often
an HTML error page); if procx guessed the format wrong, name it with
--input-format.`},
	{InternalError, Error, "procx failed on this input",
		`A bug in procx stopped it from reading this input; the rest of the batch
goes on.

Fix: please report the input that caused it.`},
	{UnusedIgnore, Warning, "a procx:ignore comment that silences nothing",
		`A "% procx:ignore CODE[,CODE] reason" comment line right before a BibTeX
entry silences those codes on that entry. This one silenced nothing: the entry
after it has no finding of those codes (it was fixed, or the code is wrong),
no entry follows it directly, or the comment is malformed (no code, a code
procx does not declare, or no reason), which the message says.

Fix: delete the comment, or correct it: "% procx:ignore pages-gap the
publisher skipped pages 9-10".`},
	{PDFTitleMismatch, Warning, "a paper's pdf prints another title than its record",
		`With --pdfs DIR, the PDF matched to a record prints a title on its first page
that differs from the record's title beyond case, accents, LaTeX markup,
punctuation, spacing and hyphenation. The message quotes both titles and the
words one has and the other lacks; the related location is the PDF's page 1.
Usually one of the two was edited after the other (a word added to the
camera-ready only).

Fix: make the metadata's title what the PDF prints, or correct the PDF.`},
	{PDFAuthorMismatch, Warning, "a paper's pdf lists other authors than its record",
		`With --pdfs DIR, the byline of the PDF matched to a record differs from the
record's authors: an author missing from the PDF, an extra one in it, the same
authors in another order, or one author spelled differently (the message says
which author and quotes both spellings). Initials for given names ("A. Bayen"
for "Alexandre M. Bayen") and differences of case and accents alone are not
reported. Names are compared only when the PDF's byline reads reliably: it has
at least one name, every name looks like a person's name (no email, digits,
or institution words), no limit cut the reading, and at least one family name
is also the record's. Otherwise nothing is said about the authors.

Fix: add, remove, reorder or respell the authors in the metadata or in the
PDF so that both agree.`},
	{PDFPagesMismatch, Error, "a paper's page range counts other pages than its pdf",
		`With --pdfs DIR, the record's page range (first to last page) counts N pages
but the PDF matched to it has M pages. The volume's page numbers are then
wrong from this paper on, or the PDF is not the final version.

Fix: correct the page range in the metadata (and the ranges after it), or
replace the PDF.`},
	{PDFMissing, Warning, "a paper with no pdf",
		`With --pdfs DIR, no PDF in DIR is matched to this paper: none is named by its
pdf or file field, none is named after its key or DOI, and none prints its
title. The message says when a pdf or file field names a file that is not in
DIR.

Fix: add the paper's PDF to DIR, name it after the record's key, or give the
record a pdf field naming it.`},
	{PDFUnmatched, Warning, "a pdf that matches no paper",
		`With --pdfs DIR, a PDF in DIR matches no record: no record names it in a pdf
or file field, its file name is no record's key or DOI suffix, and the title
it prints is not close enough to one record's title. When it is equally close
to two records, the message names both: procx does not guess. (A PDF that
cannot be read gets the one diagnostic its reading gave, unknown-format or
limit, at its own path, instead.)

Fix: remove the file from DIR, or name the record it belongs to with a pdf
field in the metadata (or rename the file after the record's key).`},
}

// codeIndex finds a code's documentation.
var codeIndex = func() map[Code]*CodeDoc {
	m := make(map[Code]*CodeDoc, len(codeDocs))
	for i := range codeDocs {
		m[codeDocs[i].Code] = &codeDocs[i]
	}
	return m
}()

// Codes returns the documentation of every code, sorted by code.
func Codes() []CodeDoc {
	out := slices.Clone(codeDocs[:])
	slices.SortFunc(out, func(a, b CodeDoc) int { return strings.Compare(string(a.Code), string(b.Code)) })
	return out
}

// Doc returns the documentation of c; ok is false for a code procx does
// not declare (one read from JSON written by another tool).
func (c Code) Doc() (doc CodeDoc, ok bool) {
	if d := codeIndex[c]; d != nil {
		return *d, true
	}
	return CodeDoc{Code: c, Severity: Error}, false
}

// Known reports whether procx declares c.
func (c Code) Known() bool { return codeIndex[c] != nil }

// Severity returns the severity procx raises c with: Error for a code it
// does not declare.
func (c Code) Severity() Severity {
	if d := codeIndex[c]; d != nil {
		return d.Severity
	}
	return Error
}

// String returns the code's name.
func (c Code) String() string { return string(c) }

// At returns a diagnostic of code c, at its severity, over the bytes
// off..end of the decoded input (-1 when unknown).
func (c Code) At(off, end int, format string, args ...any) Diagnostic {
	return Diagnostic{Code: c, Severity: c.Severity(), Message: fmt.Sprintf(format, args...), Off: off, End: end}
}

// AtPointer returns a diagnostic of code c, at its severity, on the value
// at the JSON Pointer ptr of the volume read from path.
func (c Code) AtPointer(path, ptr string, format string, args ...any) Diagnostic {
	return Diagnostic{Code: c, Severity: c.Severity(), Message: fmt.Sprintf(format, args...), Path: path, Pointer: ptr, Off: -1, End: -1}
}
