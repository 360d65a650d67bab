package fix

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/procx/procx/schema"
)

// asciiJSON writes s as a JSON string with every character beyond ASCII
// escaped, as some tools write JSON.
func asciiJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r >= 0x7F:
			if r >= 0x10000 {
				r -= 0x10000
				b.WriteString(`\u` + hex(0xD800+(r>>10)) + `\u` + hex(0xDC00+(r&0x3FF)))
				continue
			}
			b.WriteString(`\u` + hex(r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hex(r rune) string {
	const d = "0123456789abcdef"
	return string([]byte{d[r>>12&15], d[r>>8&15], d[r>>4&15], d[r&15]})
}

// FuzzJSONString holds jsonString to encoding/json on the strings
// encoding/json writes and on every character escaped: the same value,
// and offsets that rise through the token; and the edits of a new value
// (changed, with insertions, with removals) written back and read again
// give the new value. Seeded from the
// strings of the reference's golden JSON.
func FuzzJSONString(f *testing.F) {
	if b, err := os.ReadFile("../../fixtures/vee21.golden.json"); err == nil {
		for _, m := range regexp.MustCompile(`"(?:[^"\\]|\\.)*"`).FindAllString(string(b), 40) {
			var s string
			if json.Unmarshal([]byte(m), &s) == nil {
				f.Add(s)
			}
		}
	}
	f.Add("Noe\u0308l \u200b \"q\" \\ \n\t 😀 \u2028")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		std, _ := json.Marshal(s)
		for _, tok := range []string{string(std), asciiJSON(s)} {
			text := []byte("{\"x\": " + tok + "}")
			r := schema.Range{Off: 6, End: 6 + len(tok)}
			v, ok := jsonString(text, r)
			if !ok {
				t.Fatalf("jsonString(%s) failed", tok)
			}
			var want string
			if err := json.Unmarshal([]byte(tok), &want); err != nil {
				t.Fatal(err)
			}
			if v.s != want {
				t.Fatalf("jsonString(%s) = %q, want %q", tok, v.s, want)
			}
			for i := 1; i < len(v.off); i++ {
				if v.off[i] < v.off[i-1] || v.off[i] < r.Off || v.off[i] >= r.End {
					t.Fatalf("jsonString(%s): offsets %v", tok, v.off)
				}
			}
			// A change anywhere, insertions only, removals only.
			for _, out := range []string{strings.ToUpper(v.s) + "\u200b\"", escapeBibTeX(v.s) + "\n", strings.ReplaceAll(v.s, "e", "")} {
				es := v.edits(out, true)
				fixed := string(text)
				for k := len(es) - 1; k >= 0; k-- {
					e := es[k]
					if k > 0 && es[k-1].End > e.Off {
						t.Fatalf("edits %+v overlap or are out of order", es)
					}
					fixed = fixed[:e.Off] + e.NewText + fixed[e.End:]
				}
				var got map[string]string
				if err := json.Unmarshal([]byte(fixed), &got); err != nil || got["x"] != out {
					t.Fatalf("edits %+v of %s give %s (%v), want the value %q", es, tok, fixed, err, out)
				}
			}
		}
		// Any bytes as a token: no panic.
		jsonString([]byte(s), schema.Range{Off: 0, End: len(s)})
	})
}
