package dtd

import (
	"slices"
	"testing"
)

func TestEntities(t *testing.T) {
	src := `<!-- <!ENTITY hidden "no"> -->
<!ENTITY % field "author|title">
<!ENTITY reg   "&#174;">
<!ENTITY rho '&#x3C1;'>
<!ENTITY two "a&#252;b" ><!-- comment -->
<!ENTITY reg "&#175;">
<!ENTITY ext SYSTEM "ext.ent">
<!ELEMENT dblp (article)*>
<!ENTITY gt2 "a > b">`
	got, err := Entities([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entity{{"reg", "®"}, {"rho", "ρ"}, {"two", "aüb"}, {"gt2", "a > b"}}
	if !slices.Equal(got, want) {
		t.Errorf("Entities = %q, want %q", got, want)
	}
	for _, bad := range []string{`<!ENTITY x "&#xZZ;">`, `<!ENTITY x "&#12">`, `<!ENTITY x "unterminated>`, `<!ENTITY x "&#1114112;">`} {
		if _, err := Entities([]byte(bad)); err == nil {
			t.Errorf("Entities(%q): no error", bad)
		}
	}
}
