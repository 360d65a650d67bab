package text

import (
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	for _, tc := range []struct {
		in, want, codes string
	}{
		{"plain", "plain", ""},
		{"  two  spaces\tand\ntabs ", "two spaces and tabs", ""},
		{"Noe\u0308l", "Noël", "not-nfc"},
		{"Noël", "Noël", ""},
		{"Ta\u200bzaki", "Tazaki", "invisible-char"},
		{"soft\u00adhyphen", "softhyphen", "invisible-char"},
		{"bidi\u202eoverride\u202c", "bidioverride", "invisible-char"},
		{"bell\x07", "bell", "invisible-char"},
		{"c1\u0085x", "c1 x", ""}, // NEL is white space
		{"c1\u0090x", "c1x", "invisible-char"},
		{"\ufeffbom", "bom", "invisible-char"},
		{"e\u0301\u200b", "é", "invisible-char,not-nfc"},
		{"nbsp\u00a0here", "nbsp here", ""},
		{"“quoted” ‘text’ O’Keeffe", "“quoted” ‘text’ O’Keeffe", ""},
		{"می\u200cخواهم", "می\u200cخواهم", ""}, // ZWNJ inside Persian stays
	} {
		got, fs := Clean(tc.in)
		var codes []string
		for _, f := range fs {
			codes = append(codes, string(f.Code))
		}
		if got != tc.want || strings.Join(codes, ",") != tc.codes {
			t.Errorf("Clean(%q) = %q, %v; want %q, %q", tc.in, got, codes, tc.want, tc.codes)
		}
		if again, fs := Clean(got); again != got || len(fs) > 0 {
			t.Errorf("Clean(%q) not idempotent: %q, %v", got, again, fs)
		}
	}
}

func TestMixedScript(t *testing.T) {
	words, scripts := MixedScript("Hajime T\u0430zaki and Ρeter Smith")
	if len(words) != 2 || words[0] != "T\u0430zaki" || scripts[0][1] != "cyrillic" || scripts[1][1] != "greek" {
		t.Errorf("MixedScript = %q, %q", words, scripts)
	}
	if w, _ := MixedScript("Αλέξανδρος Ivanov Иванов"); len(w) != 0 {
		t.Errorf("single-script words flagged: %q", w)
	}
}

func TestRepairMojibake(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		found    []Mojibake
	}{
		{"plain ascii", "plain ascii", nil},
		{"Réveillère ’ µ", "Réveillère ’ µ", nil},
		{"SÃO PAULO", "SÃO PAULO", nil},
		{"Laurent RÃ©veillÃ¨re, NoÃ«l", "Laurent Réveillère, Noël", []Mojibake{
			{Off: 8, End: 20, Was: "RÃ©veillÃ¨re", Now: "Réveillère", Repaired: true},
			{Off: 22, End: 27, Was: "NoÃ«l", Now: "Noël", Repaired: true}}},
		{"it\u00e2\u20ac\u2122s", "it’s", []Mojibake{{Off: 0, End: 6, Was: "itâ€™s", Now: "it’s", Repaired: true}}},
		{"“lift-and-shiftâ€\u009d", "“lift-and-shift”", []Mojibake{{Off: 3, End: 20, Was: "lift-and-shiftâ€\u009d", Now: "lift-and-shift”", Repaired: true}}},
		{"LluÃ\u00ads", "Lluís", []Mojibake{{Off: 0, End: 6, Was: "LluÃ\u00ads", Now: "Lluís", Repaired: true}}},
		{"ÃƒÂ©t", "ét", []Mojibake{{Off: 0, End: 3, Was: "ÃƒÂ©t", Now: "ét", Repaired: true}}},
		{"shiftâ€?", "shiftâ€?", []Mojibake{{Off: 0, End: 11, Was: "shiftâ€?", Now: "shiftâ€?", Repaired: false}}},
		{"RÃ\ufffdveill", "RÃ\ufffdveill", []Mojibake{{Off: 0, End: 11, Was: "RÃ\ufffdveill", Now: "RÃ\ufffdveill", Repaired: false}}},
		{"GÖ’s", "GÖ’s", nil},
		{"â€œshiftâ€? x", "“shiftâ€? x", []Mojibake{{Off: 0, End: 14, Was: "â€œshiftâ€?", Now: "“shiftâ€?", Repaired: false}}},
		{"CAFÉ’S “café” PERÚ’S «ÉTÉ»", "CAFÉ’S “café” PERÚ’S «ÉTÉ»", nil},
		{"Ð˜Ð²Ð°Ð½", "Иван", []Mojibake{{Off: 0, End: 8, Was: "Ð˜Ð²Ð°Ð½", Now: "Иван", Repaired: true}}},
		{"È™tefan", "ștefan", []Mojibake{{Off: 0, End: 7, Was: "È™tefan", Now: "ștefan", Repaired: true}}},
	} {
		got, found := RepairMojibake(tc.in)
		if got != tc.want || len(found) != len(tc.found) {
			t.Errorf("RepairMojibake(%q) = %q, %+v; want %q, %+v", tc.in, got, found, tc.want, tc.found)
			continue
		}
		for i := range found {
			if found[i] != tc.found[i] {
				t.Errorf("RepairMojibake(%q) found %+v, want %+v", tc.in, found[i], tc.found[i])
			}
			if got[found[i].Off:found[i].End] != found[i].Now {
				t.Errorf("RepairMojibake(%q): range %d-%d is %q, not %q", tc.in, found[i].Off, found[i].End, got[found[i].Off:found[i].End], found[i].Now)
			}
		}
	}
}

func TestCountry(t *testing.T) {
	for in, want := range map[string]string{
		"Germany": "DE", "USA": "US", "U.S.A.": "US", "UK": "GB", "United Kingdom": "GB", "South Korea": "KR",
		"Korea": "KR", "Czech Republic": "CZ", "Czechia": "CZ", "Russia": "RU", "Taiwan": "TW", "Hong Kong": "HK",
		"Macau": "MO", "Iran": "IR", "Vietnam": "VN", "France": "FR", "New Zealand": "NZ", "Myanmar": "MM",
		"the Netherlands": "NL", "Côte d’Ivoire": "CI", "Switzerland": "CH", "japan": "JP",
	} {
		if got, ok := Country(in); !ok || got != want {
			t.Errorf("Country(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Deutschland", "Nowhere", "United Nations", "Eurozone", "East Germany"} {
		if got, ok := Country(in); ok {
			t.Errorf("Country(%q) = %q; want none", in, got)
		}
	}
}
