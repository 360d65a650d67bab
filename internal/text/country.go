package text

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/procx/procx/schema"
)

// countryAliases are the names people write for countries that CLDR's
// English region names spell otherwise.
var countryAliases = map[string]string{
	"usa": "US", "u.s.a.": "US", "u.s.a": "US", "us": "US", "u.s.": "US", "united states of america": "US", "america": "US",
	"uk": "GB", "u.k.": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB", "great britain": "GB", "britain": "GB",
	"south korea": "KR", "korea": "KR", "republic of korea": "KR", "korea, republic of": "KR", "korea (south)": "KR",
	"north korea": "KP", "czech republic": "CZ", "czechia": "CZ", "russia": "RU", "russian federation": "RU",
	"taiwan": "TW", "taiwan, roc": "TW", "r.o.c.": "TW", "roc": "TW", "hong kong": "HK", "hong kong sar": "HK", "hong kong sar china": "HK",
	"macau": "MO", "macao": "MO", "iran": "IR", "vietnam": "VN", "viet nam": "VN", "prc": "CN", "p.r. china": "CN",
	"p. r. china": "CN", "pr china": "CN", "people's republic of china": "CN", "mainland china": "CN",
	"the netherlands": "NL", "holland": "NL", "uae": "AE", "u.a.e.": "AE", "turkey": "TR", "türkiye": "TR",
	"syria": "SY", "laos": "LA", "moldova": "MD", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
	"ivory coast": "CI", "cote d'ivoire": "CI", "côte d'ivoire": "CI", "swaziland": "SZ", "macedonia": "MK",
	"burma": "MM", "brunei": "BN", "vatican": "VA", "palestine": "PS", "cape verde": "CV", "east timor": "TL",
	"kosovo": "XK", "dr congo": "CD", "democratic republic of the congo": "CD", "republic of the congo": "CG",
	"bosnia": "BA", "bosnia-herzegovina": "BA", "the gambia": "GM", "the bahamas": "BS", "sri lanka": "LK",
	"the czech republic": "CZ", "korea (republic of)": "KR", "republic of china": "TW", "taiwan (r.o.c.)": "TW",
	"the united states": "US", "united states": "US", "the uk": "GB", "united kingdom": "GB", "the united kingdom": "GB",
	"hong kong, china": "HK", "hong kong sar, china": "HK", "macao sar": "MO", "macau sar": "MO", "iran, islamic republic of": "IR",
	"islamic republic of iran": "IR", "russian federation (the)": "RU", "viet nam (the)": "VN", "lao pdr": "LA", "slovak republic": "SK", "the philippines": "PH", "republic of ireland": "IE",
}

var (
	countryOnce  sync.Once
	countryIndex map[string]string // folded name -> ISO 3166-1 alpha-2
	countryName  map[string]string // code -> CLDR English name
)

func loadCountries() {
	countryIndex = make(map[string]string, 400)
	countryName = make(map[string]string, 300)
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.String() != code {
				continue
			}
			n := names.Name(r)
			if n == "" || n == code {
				continue
			}
			// Skip deprecated codes that CLDR still names ("DD", East
			// Germany, is named "Germany" and would shadow "DE") and
			// groupings that are no ISO 3166-1 countries.
			if c, _ := r.Canonicalize(), 0; c.String() != code {
				continue
			}
			switch code {
			case "FX", "UN", "EZ", "EU", "QO", "ZZ": // not ISO 3166-1 countries
				continue
			}
			countryName[code] = n
			for _, v := range nameVariants(n) {
				if _, taken := countryIndex[foldCountry(v)]; !taken {
					countryIndex[foldCountry(v)] = code
				}
			}
		}
	}
	for alias, code := range countryAliases {
		countryIndex[foldCountry(alias)] = code
	}
}

// nameVariants returns a CLDR name and the shorter names inside it:
// "Myanmar (Burma)" gives "Myanmar" and "Burma" too.
func nameVariants(n string) []string {
	out := []string{n}
	if i := strings.Index(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		out = append(out, n[:i], n[i+2:len(n)-1])
	}
	return out
}

func foldCountry(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.Fields(s), " ")
}

// Country resolves a country name as people write it ("USA", "South Korea",
// "Deutschland" is not recognised; CLDR's English names and common aliases
// are) to its ISO 3166-1 alpha-2 code.
func Country(name string) (code string, ok bool) {
	countryOnce.Do(loadCountries)
	var buf [64]byte
	if key, ascii := foldASCIICountry(buf[:0], name); ascii {
		code, ok = countryIndex[string(key)] // looked up without a copy
		return code, ok
	}
	code, ok = countryIndex[foldCountry(name)]
	return code, ok
}

// foldASCIICountry appends s folded as foldCountry folds it to dst, when s
// is ASCII and fits in dst, and reports whether it did. Most country names
// are, and folding them into a buffer on the stack spares foldCountry's
// three allocations.
func foldASCIICountry(dst []byte, s string) ([]byte, bool) {
	if len(s) > cap(dst) {
		return dst, false
	}
	space := false // a space is pending between two words
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return dst, false
		case asciiSpace(c):
			space = len(dst) > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst, true
}

// CountryName returns CLDR's English name of an ISO 3166-1 alpha-2 code.
func CountryName(code string) string {
	countryOnce.Do(loadCountries)
	return countryName[code]
}

// Affiliation splits "Institution, Country" into its parts; the country is
// the last comma-separated part when it names one, and its code is the ISO
// 3166-1 alpha-2 code. An affiliation without a recognisable country keeps
// its whole text as the institution.
func Affiliation(s string) schema.Affiliation {
	a := schema.Affiliation{Name: s}
	inst, country := s, ""
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		// "Cambridge, MA, USA." ends its sentence on the country.
		inst, country = strings.TrimSpace(s[:i]), strings.TrimSuffix(strings.TrimSpace(s[i+1:]), ".")
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
