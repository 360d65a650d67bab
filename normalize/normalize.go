// Package normalize cleans the records extract produced and offers the
// text functions the readers share:
//
//   - Clean and Text: Unicode NFC with a fast path for ASCII, invisible
//     characters (controls, zero-width, soft hyphens, bidi controls)
//     removed, white space folded; quotes and apostrophes kept as written.
//   - LaTeX: BibTeX values to Unicode (accents, special letters, escapes,
//     dashes), math kept verbatim, leftover commands returned.
//   - ParseName, Name, SplitBibTeXNames, BibTeXAuthors: names split into
//     given and family with particles and suffixes, in the display form
//     and BibTeX's three forms, never changing a letter's case.
//   - RepairMojibake: text UTF-8 decoded once too often, repaired where the
//     reverse transformation is exact.
//   - Affiliation, Country: "Institution, Country" with an ISO 3166-1 code.
//
// Volume applies them to a volume. Normalization is idempotent:
// normalizing a normalized volume changes nothing. It reports what it
// changed or could not read as diagnostics carrying the JSON Pointer of the
// field (not-nfc, invisible-char, mixed-script, latex-in-text, name-case,
// mojibake, affiliation-unparsed).
package normalize

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/procx/procx/internal/par"
	"github.com/procx/procx/schema"
)

// Volume normalizes every record of v in place and appends its diagnostics
// to v.Diagnostics.
func Volume(v *schema.Volume) {
	n := &normalizer{v: v}
	p := &v.Proceedings
	p.Title = n.text(at("/proceedings/title"), p.Title)
	p.Acronym = n.text(at("/proceedings/acronym"), p.Acronym)
	p.Location = n.text(at("/proceedings/location"), p.Location)
	for i := range p.Sections {
		p.Sections[i].Name = n.text(at(fmt.Sprintf("/proceedings/sections/%d/name", i)), p.Sections[i].Name)
		chairs := fmt.Sprintf("/proceedings/sections/%d/chairs", i)
		for j := range p.Sections[i].Chairs {
			p.Sections[i].Chairs[j] = n.author(item(chairs, j), p.Sections[i].Chairs[j])
		}
	}
	// Records are independent: a large volume's are normalized on every
	// core, each chunk reporting into its own list, joined in order.
	chunks := par.Split(len(v.Papers), parallelMin)
	found := make([][]schema.Diagnostic, len(chunks))
	par.Run(chunks, func(c, lo, hi int) {
		cn := &normalizer{v: &schema.Volume{Source: v.Source}}
		for i := lo; i < hi; i++ {
			cn.record(i, &v.Papers[i])
		}
		found[c] = cn.v.Diagnostics
	})
	for _, ds := range found {
		v.Diagnostics = append(v.Diagnostics, ds...)
	}
}

// parallelMin is the number of records from which Volume uses every core;
// below it the goroutines cost more than they save.
const parallelMin = 512

type normalizer struct {
	v *schema.Volume
}

// pointer is the JSON Pointer of a field, kept in parts and joined only
// when a diagnostic needs it: most fields have nothing to report, and
// joining the pointer of every field cost more than checking most of them.
// It is base, then "/" and item unless item is negative, then field:
// {"/papers/3/authors", 2, "/name"} is "/papers/3/authors/2/name".
type pointer struct {
	base  string
	item  int
	field string
}

// at is the pointer ptr.
func at(ptr string) pointer { return pointer{base: ptr, item: -1} }

// item is the pointer to item i of the list at list.
func item(list string, i int) pointer { return pointer{base: list, item: i} }

// with is the pointer to field of p, which names no field yet.
func (p pointer) with(field string) pointer {
	p.field = field
	return p
}

func (p pointer) String() string {
	if p.item < 0 {
		return p.base + p.field
	}
	return p.base + "/" + strconv.Itoa(p.item) + p.field
}

func (n *normalizer) report(ptr pointer, code string, sev schema.Severity, format string, args ...any) {
	n.v.Diagnostics = append(n.v.Diagnostics, schema.Diagnostic{
		Code: code, Severity: sev, Message: fmt.Sprintf(format, args...),
		Path: n.v.Source.Path, Pointer: ptr.String(), Off: -1, End: -1,
	})
}

func (n *normalizer) findings(ptr pointer, fs []Finding) {
	if len(fs) == 0 {
		return
	}
	p := ptr.String()
	for _, f := range fs {
		n.v.Diagnostics = append(n.v.Diagnostics, schema.Diagnostic{
			Code: f.Code, Severity: f.Severity, Message: f.Message,
			Path: n.v.Source.Path, Pointer: p, Off: -1, End: -1,
		})
	}
}

func (n *normalizer) record(i int, r *schema.Record) {
	base := "/papers/" + strconv.Itoa(i)
	paper := item("/papers", i)
	r.Section = n.text(paper.with("/section"), r.Section)
	title := paper.with("/title")
	r.Title = n.latex(title, n.text(title, r.Title))
	if len(r.Authors) > 0 {
		authors := base + "/authors"
		for j := range r.Authors {
			r.Authors[j] = n.author(item(authors, j), r.Authors[j])
		}
	}
	if len(r.Affiliations) > 0 {
		affiliations := base + "/affiliations"
		for j := range r.Affiliations {
			ptr := item(affiliations, j)
			a := r.Affiliations[j]
			a.Name = n.text(ptr.with("/name"), a.Name)
			r.Affiliations[j] = n.affiliation(ptr, a)
		}
	}
	r.Abstract = n.paragraphs(paper.with("/abstract"), r.Abstract)
	r.DOI = n.text(paper.with("/doi"), r.DOI)
	if r.BibTeX != nil {
		n.bibtex(base, r.BibTeX)
	}
}

// bibtex puts the values of a BibTeX entry in NFC and reports the ones
// that were not and the ones holding commands procx cannot decode, in the
// order of the field names. Most entries have nothing to report, so the
// names of the fields that do are sorted, not all names.
func (n *normalizer) bibtex(base string, e *schema.BibTeX) {
	var flagged []string
	for k, val := range e.Fields {
		if !bibtexFieldClean(k, val) {
			flagged = append(flagged, k)
		}
	}
	slices.Sort(flagged)
	for _, k := range flagged {
		val := e.Fields[k]
		// BibTeX values stay as written, in NFC, so that checks compare
		// them with the prose on equal terms.
		if !isNFC(val) {
			n.report(at(base+"/bibtex/fields/"+k), "not-nfc", schema.Info, "text was not in unicode nfc: %q (normalized)", clip(val, 60))
			e.Fields[k] = norm.NFC.String(val)
		}
		// Commands no decoder knows stay in the entry as written;
		// say so, except in fields read verbatim.
		if bibtexCommands(k, val) {
			if _, left := LaTeX(val); len(left) > 0 {
				n.report(at(base+"/bibtex/fields/"+k), "latex-in-text", schema.Warning, "latex command %q in bibtex %s %q is not text procx can decode", left[0], k, clip(val, 60))
			}
		}
	}
}

// bibtexFieldClean reports whether bibtex leaves the field k with value
// val alone and reports nothing about it.
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

// text cleans a field (see Clean) and reports what it changed.
func (n *normalizer) text(ptr pointer, s string) string {
	out, _ := n.cleanText(ptr, s)
	return out
}

// cleanText is text that also says whether its result is as Text left it
// (no mojibake was repaired after it), so that Text need not run again.
func (n *normalizer) cleanText(ptr pointer, s string) (out string, clean bool) {
	// Clean(s) is s when cleanScan finds s clean, and RepairMojibake
	// changes nothing in text without the byte 0xC3: most fields are done
	// after one scan, and clean text with it needs no second scan.
	switch ok, c3 := cleanScan(s); {
	case ok && !c3:
		return s, true
	case ok:
		return n.repair(ptr, s) // Clean(s) is s, without findings
	}
	return n.cleanRepair(ptr, s)
}

// cleanRepair is cleanText without its shortcuts: Clean, then repair.
func (n *normalizer) cleanRepair(ptr pointer, s string) (out string, clean bool) {
	if s == "" {
		return s, true
	}
	out, fs := Clean(s)
	n.findings(ptr, fs)
	return n.repair(ptr, out)
}

// repair repairs mojibake in s, which Clean returned, and reports it;
// clean says whether there was none, so that s is as Clean left it.
func (n *normalizer) repair(ptr pointer, s string) (out string, clean bool) {
	out, clean = s, true
	// Decode repairs mojibake in the input bytes; what is left here came
	// escaped (JSON "\u00c3\u00a9"). Only exact repairs are reported here,
	// so that a word decode already reported is not reported twice.
	// Repeat to a fixed point: removing an invisible character, or one
	// repair, can bring two pieces of mojibake together, and a second
	// normalization must change nothing. Every repair shortens the text,
	// so this ends; the bound is a guard.
	for range 8 {
		fixed, found := RepairMojibake(out)
		if fixed == out {
			break
		}
		for _, m := range found {
			if m.Repaired {
				n.report(ptr, "mojibake", schema.Warning, "mojibake %q repaired as %q", m.Was, m.Now)
			}
		}
		out, clean = fixed, false
	}
	return out, clean
}

// latex decodes LaTeX markup left in a prose field (a title copied from
// BibTeX) and reports commands it could not decode.
func (n *normalizer) latex(ptr pointer, s string) string {
	if !hasLaTeX(s) {
		return s
	}
	out, left := LaTeX(s)
	out = Text(out)
	// Decoding must be done once and for all: a result that would decode
	// further (it kept an unknown command, or an escape produced markup)
	// stays as written, so that normalizing twice changes nothing.
	for _, l := range left {
		n.report(ptr, "latex-in-text", schema.Warning, "latex command %q left in %q", l, clip(s, 60))
	}
	if again, _ := LaTeX(out); again != out && len(left) == 0 {
		n.report(ptr, "latex-in-text", schema.Warning, "latex markup left in %q after decoding", clip(s, 60))
		return s
	}
	if len(left) > 0 {
		return s
	}
	return out
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

// paragraphs normalizes each paragraph of a text whose paragraphs are
// separated by blank lines.
func (n *normalizer) paragraphs(ptr pointer, s string) string {
	if s == "" {
		return s
	}
	// out stays nil while every paragraph is kept as written, and then s
	// is returned as it is rather than copied.
	var out []string
	for pos := 0; ; {
		p, _, more := strings.Cut(s[pos:], "\n\n")
		q := n.text(ptr, p)
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
		return s
	}
	return strings.Join(out, "\n\n")
}

// author cleans a name and splits it when it has not been split yet; a
// name already split keeps its parts, so normalizing twice changes nothing.
func (n *normalizer) author(ptr pointer, a schema.Author) schema.Author {
	ptr = ptr.with("/name")
	name, clean := n.cleanText(ptr, a.Name)
	if words, scripts := MixedScript(name); len(words) > 0 {
		for i, w := range words {
			n.report(ptr, "mixed-script", schema.Warning, "name %q mixes %s letters in %q", name, strings.Join(scripts[i], " and "), w)
		}
	}
	if a.Given == "" && a.Family == "" {
		parse := ParseName
		if clean {
			parse = parseName // Text would return name as it is
		}
		b, fs := parse(name)
		n.findings(ptr, fs)
		return b
	}
	a.Name = name
	a.Given, a.Family = Text(a.Given), Text(a.Family)
	a.Particle, a.Suffix = Text(a.Particle), Text(a.Suffix)
	n.findings(ptr, nameCase(a))
	return a
}

func (n *normalizer) affiliation(ptr pointer, a schema.Affiliation) schema.Affiliation {
	if a.Institution != "" || a.Country != "" {
		return a
	}
	out := Affiliation(a.Name)
	if out.CountryCode == "" {
		n.report(ptr, "affiliation-unparsed", schema.Warning, "affiliation %q names no country procx recognises", clip(a.Name, 80))
	}
	return out
}

// Affiliation splits "Institution, Country" into its parts; the country is
// the last comma-separated part when it names one, and its code is the ISO
// 3166-1 alpha-2 code. An affiliation without a recognisable country keeps
// its whole text as the institution.
func Affiliation(s string) schema.Affiliation {
	a := schema.Affiliation{Name: s}
	inst, country := s, ""
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		inst, country = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	} else if code, ok := Country(s); ok {
		a.Country, a.CountryCode = s, code
		return a
	}
	if code, ok := Country(country); ok && inst != "" {
		a.Institution, a.Country, a.CountryCode = inst, country, code
		return a
	}
	a.Institution = s
	return a
}
