package markdown

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameStem returns the part of the file's path that names the post: the base
// name without extension, or for a Hugo bundle (x/index.md, x/_index.md) the
// folder name. A "YYYY-MM-DD-" prefix is split off as a date, its date
// ended by one of seps (fileNameDate).
func nameStem(p, seps string) (stem string, d Date) {
	base := path.Base(p)
	stem = strings.TrimSuffix(base, path.Ext(base))
	if stem == "index" || stem == "_index" {
		if dir := path.Dir(p); dir != "." && dir != "/" {
			stem = path.Base(dir)
		}
	}
	d, rest, ok := fileNameDate(stem, seps)
	if ok && rest != "" {
		stem = rest
	} else {
		d = Date{}
	}
	return stem, d
}

// titleFromStem turns "hello-world_again" into "Hello world again". File
// names need not be UTF-8; bad bytes become U+FFFD, as WordPress needs UTF-8.
func titleFromStem(stem string) string {
	stem = strings.ToValidUTF8(stem, "\uFFFD")
	t := strings.Join(strings.FieldsFunc(stem, func(r rune) bool {
		return r == '-' || r == '_' || unicode.IsSpace(r)
	}), " ")
	r, n := utf8.DecodeRuneInString(t)
	if n == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + t[n:]
}

// quoteRunes are dropped from slugs instead of becoming "-", so "don't"
// gives "dont" as in WordPress rather than "don-t".
const quoteRunes = `'"‘’“”`

// slugify normalises s like WordPress's sanitize_title for ASCII: lower case,
// a-z 0-9 "_" "-" kept, spaces and runs of other characters become one "-",
// no "-" at the ends. Non-ASCII letters, digits and marks are kept
// (lower-cased); WordPress stores those percent-encoded.
func slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false // a "-" is due before the next kept character
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_',
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case strings.ContainsRune(quoteRunes, r):
		default:
			dash = true
		}
	}
	return b.String()
}
