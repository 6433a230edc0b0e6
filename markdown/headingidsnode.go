package markdown

import (
	"strings"
	"unicode"
)

// The heading ids of the JavaScript generators (headingids.go's
// IDsHexo, IDsGitHubSlugger, IDsAstro).

// hexoSlug is hexo-util's slugize as hexo-renderer-marked calls it on a
// heading's text: the text trimmed, accents removed from Latin letters
// and a few letters spelled out (its escapeDiacritic), control characters
// dropped, every run of whitespace and ASCII punctuation
// (~`!@#$%^&*()-_+=[]{}|\;:"'<>,.?/) one "-", none at the ends. The case
// is kept (modifyAnchors, its caller).
func hexoSlug(s string) string {
	var b strings.Builder
	dash := true // no "-" first
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r < 0x20:
		case unicode.IsSpace(r) || r == '\ufeff' || (r < 0x80 && strings.ContainsRune("~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/", r)):
			if !dash {
				b.WriteByte('-')
				dash = true
			}
		default:
			b.WriteString(hexoLetter(r))
			dash = false
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// hexoLetters are the letters escapeDiacritic spells out that have no
// decomposition to drop an accent from.
var hexoLetters = map[rune]string{
	'Æ': "AE", 'æ': "ae", 'Œ': "OE", 'œ': "oe", 'ß': "s", 'Ø': "O", 'ø': "o",
	'Đ': "D", 'đ': "d", 'Ł': "L", 'ł': "l", 'Ħ': "H", 'ħ': "h", 'ı': "i",
}

// hexoLetter is r as escapeDiacritic writes it: a Latin letter without
// its accents; any other character as it is.
func hexoLetter(r rune) string {
	if r < 0x80 || !unicode.Is(unicode.Latin, r) {
		return string(r)
	}
	if s, ok := hexoLetters[r]; ok {
		return s
	}
	return withoutAccents(string(r))
}

// githubSlug is github-slugger's slug: s lower-cased, every character of
// the Unicode categories it drops (other numbers, punctuation but "-" and
// connectors, symbols, controls, format and private-use characters,
// separators but " ") dropped unless it is alphabetic, each " " a "-".
// It neither trims nor squeezes.
func githubSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.In(r, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// squeezeHyphens drops an id's leading and trailing "-" and makes each
// run of "-" one (Astro's EXTRA_HYPHENS).
func squeezeHyphens(s string) string {
	var b strings.Builder
	dash := true
	for _, r := range s {
		if r == '-' {
			if !dash {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = false
	}
	return strings.TrimSuffix(b.String(), "-")
}
