package text

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/schema"
)

// Field cleans one field of a record: Clean, then the exact mojibake
// repairs, to a fixed point. clean reports whether out is as Text leaves
// it (no repair ran after Clean), so that a caller need not clean it
// again.
func Field(s string) (out string, fs []Finding, clean bool) {
	// Clean(s) is s when cleanScan finds s clean, and RepairMojibake
	// changes nothing in text without the byte 0xC3: most fields are done
	// after one scan.
	switch ok, c3 := cleanScan(s); {
	case ok && !c3:
		return s, nil, true
	case ok:
		return repair(s, nil)
	}
	return fieldSlow(s)
}

// fieldSlow is Field without its shortcuts: Clean, then repair.
func fieldSlow(s string) (out string, fs []Finding, clean bool) {
	if s == "" {
		return s, nil, true
	}
	out, fs = Clean(s)
	return repair(out, fs)
}

// repair repairs mojibake in s, which Clean returned, and appends a
// finding for each exact repair to fs; clean says whether there was none.
func repair(s string, fs []Finding) (out string, _ []Finding, clean bool) {
	out, clean = s, true
	// The decode stage repairs mojibake in the input bytes; what is left
	// here came escaped (JSON "\u00c3\u00a9"). Only exact repairs are
	// reported, so that a word decode already reported is not reported
	// twice. Repeat to a fixed point: removing an invisible character, or
	// one repair, can bring two pieces of mojibake together, and a second
	// normalization must change nothing. Every repair shortens the text,
	// so this ends; the bound is a guard.
	for range 8 {
		fixed, found := RepairMojibake(out)
		if fixed == out {
			break
		}
		for _, m := range found {
			if m.Repaired {
				fs = append(fs, Finding{schema.Mojibake, fmt.Sprintf("mojibake %q repaired as %q", m.Was, m.Now)})
			}
		}
		out, clean = fixed, false
	}
	return out, fs, clean
}

// Prose decodes LaTeX markup left in a prose field (a title copied from
// BibTeX), with a finding for each command it could not decode. Decoding
// is done once and for all: a result that would decode further stays as
// written, so that normalizing twice changes nothing.
func Prose(s string) (string, []Finding) {
	if !hasLaTeX(s) {
		return s, nil
	}
	out, left := LaTeX(s)
	out = Text(out)
	var fs []Finding
	for _, l := range left {
		fs = append(fs, Finding{schema.LaTeXInText, fmt.Sprintf("latex command %q left in %q", l, Clip(s, 60))})
	}
	if again, _ := LaTeX(out); again != out && len(left) == 0 {
		fs = append(fs, Finding{schema.LaTeXInText, fmt.Sprintf("latex markup left in %q after decoding", Clip(s, 60))})
		return s, fs
	}
	if len(left) > 0 {
		return s, fs
	}
	return out, fs
}

// hasLaTeX reports whether s holds a LaTeX control sequence: a backslash
// before a letter or an accent character.
func hasLaTeX(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\\' && (isLetterByte(s[i+1]) || strings.IndexByte("'`^\"~=.&%_#${}", s[i+1]) >= 0) {
			return true
		}
	}
	return false
}

// Paragraphs cleans each paragraph of a text whose paragraphs are
// separated by blank lines (see Field) and drops the paragraphs left
// empty.
func Paragraphs(s string) (string, []Finding) {
	if s == "" {
		return s, nil
	}
	// out stays nil while every paragraph is kept as written, and then s
	// is returned as it is rather than copied.
	var out []string
	var fs []Finding
	for pos := 0; ; {
		p, _, more := strings.Cut(s[pos:], "\n\n")
		q, pfs, _ := Field(p)
		fs = append(fs, pfs...)
		if out == nil && (q != p || q == "") {
			out = make([]string, 0, 4)
			if pos > 0 {
				out = append(out, s[:pos-len("\n\n")]) // the paragraphs kept so far
			}
		}
		if out != nil && q != "" {
			out = append(out, q)
		}
		if !more {
			break
		}
		pos += len(p) + len("\n\n")
	}
	if out == nil {
		return s, fs
	}
	return strings.Join(out, "\n\n"), fs
}

// Author cleans an author's name (see Field) and splits it (see ParseName)
// when it has not been split yet; a name already split keeps its parts,
// cleaned, so that normalizing twice changes nothing. Findings add
// "mixed-script" for a word mixing scripts and "name-case".
func Author(a schema.Author) (schema.Author, []Finding) {
	name, fs, clean := Field(a.Name)
	if words, scripts := MixedScript(name); len(words) > 0 {
		for i, w := range words {
			fs = append(fs, Finding{schema.MixedScript, fmt.Sprintf("name %q mixes %s letters in %q", name, strings.Join(scripts[i], " and "), w)})
		}
	}
	if a.Given == "" && a.Family == "" {
		parse := ParseName
		if clean {
			parse = parseName // Text would return name as it is
		}
		b, pfs := parse(name)
		b.Email, b.Note = a.Email, a.Note // links, not parts of the name
		return b, append(fs, pfs...)
	}
	a.Name = name
	a.Given, a.Family = Text(a.Given), Text(a.Family)
	a.Particle, a.Suffix = Text(a.Particle), Text(a.Suffix)
	return a, append(fs, nameCase(a)...)
}

// BibTeXField puts the value val of the BibTeX field k in NFC, with a
// finding when it was not, and one when it holds LaTeX commands procx
// cannot decode (except in fields read verbatim, such as url and doi).
// Values are otherwise kept as written, so that checks compare them with
// the prose on equal terms.
func BibTeXField(k, val string) (string, []Finding) {
	if bibtexFieldClean(k, val) {
		return val, nil
	}
	out := val
	var fs []Finding
	if !isNFC(val) {
		fs = append(fs, Finding{schema.NotNFC, fmt.Sprintf("text was not in unicode nfc: %q (normalized)", Clip(val, 60))})
		out = norm.NFC.String(val)
	}
	if bibtexCommands(k, val) {
		if _, left := LaTeX(val); len(left) > 0 {
			fs = append(fs, Finding{schema.LaTeXInText, fmt.Sprintf("latex command %q in bibtex %s %q is not text procx can decode", left[0], k, Clip(val, 60))})
		}
	}
	return out, fs
}

// bibtexFieldClean reports whether BibTeXField leaves the field k with
// value val alone and finds nothing in it.
func bibtexFieldClean(k, val string) bool {
	if !isNFC(val) {
		return false
	}
	if bibtexCommands(k, val) && !onlyEscapes(val) {
		_, left := LaTeX(val)
		return len(left) == 0
	}
	return true
}

// bibtexCommands reports whether the value val of field k may hold LaTeX
// commands: it has a backslash, and k is no field read verbatim. Most
// values have no backslash, which is quicker to find than k in the map.
func bibtexCommands(k, val string) bool {
	return strings.IndexByte(val, '\\') >= 0 && !verbatimField[k]
}

// onlyEscapes reports whether every backslash of s escapes a character
// LaTeX decodes as a symbol ("Proc.\ X", "R\&D"), so that LaTeX leaves
// no command in s and need not decode it to tell. LaTeX reads a backslash
// and the character after it as a pair, in math too, so both readings
// pair the same backslashes.
func onlyEscapes(s string) bool {
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], '\\')
		if j < 0 {
			return true
		}
		i += j + 1 // the escaped character
		if i >= len(s) {
			return false
		}
		if _, ok := latexSymbols[s[i]]; !ok {
			return false
		}
	}
	return true
}

// verbatimField are BibTeX fields read verbatim, where a backslash is no
// command.
var verbatimField = map[string]bool{"url": true, "doi": true, "eprint": true, "file": true, "pdf": true, "biburl": true, "bibsource": true}
