package normalize

import (
	"strings"
	"unicode"

	"github.com/procx/procx/schema"
)

// particles are the lowercase words that start a family name
// ("de Palma", "van der Waals").
var particles = map[string]bool{
	"de": true, "da": true, "das": true, "do": true, "dos": true, "du": true, "des": true, "del": true,
	"della": true, "di": true, "van": true, "von": true, "der": true, "den": true, "ter": true, "ten": true,
	"la": true, "le": true, "bin": true, "binti": true, "al": true, "el": true, "zu": true, "af": true, "av": true,
	"y": true, "e": true, "st.": true, "dei": true, "degli": true, "lo": true, "op": true, "'t": true,
}

var suffixes = map[string]bool{
	"Jr": true, "Jr.": true, "Sr": true, "Sr.": true, "II": true, "III": true, "IV": true, "Jnr": true, "Snr": true,
}

// Name splits a display name into given and family parts. It reads "Given
// Family", "Family, Given" and "Family, Suffix, Given"; lowercase particles
// before the last word start the family name, which keeps them as written
// ("Noël de Palma" has family "de Palma" and particle "de"). The letters
// and their case are never changed.
func Name(s string) schema.Author {
	s = Text(s)
	a := schema.Author{Name: s}
	if s == "" {
		return a
	}
	if strings.Contains(s, ",") {
		parts := strings.Split(s, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		var family, suffix, given string
		switch {
		case len(parts) == 2 && suffixes[parts[1]]:
			// "Given Family, Jr."
			b := Name(parts[0])
			b.Name, b.Suffix = s, parts[1]
			return b
		case len(parts) == 2:
			family, given = parts[0], parts[1]
		default:
			family, suffix, given = parts[0], parts[1], strings.Join(parts[2:], " ")
		}
		a.Given, a.Family, a.Suffix = given, family, suffix
		a.Particle = leadingParticle(family)
		a.Name = strings.TrimSpace(strings.Join(nonEmpty(given, family), " "))
		if suffix != "" {
			a.Name += ", " + suffix
		}
		return a
	}
	words := strings.Fields(s)
	if n := len(words); n > 1 && suffixes[words[n-1]] {
		a.Suffix = words[n-1]
		words = words[:n-1]
	}
	if len(words) == 1 {
		a.Family = words[0]
		return a
	}
	// The family name starts at the first lowercase particle after the
	// first word, or at the last word.
	start := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if particles[words[i]] {
			start = i
			break
		}
	}
	a.Given = strings.Join(words[:start], " ")
	a.Family = strings.Join(words[start:], " ")
	a.Particle = leadingParticle(a.Family)
	return a
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// leadingParticle returns the particle words at the start of a family name
// ("van der" of "van der Waals").
func leadingParticle(family string) string {
	words := strings.Fields(family)
	n := 0
	for n < len(words)-1 && (particles[words[n]] || particles[strings.ToLower(words[n])] && isLowerWord(words[n])) {
		n++
	}
	return strings.Join(words[:n], " ")
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
