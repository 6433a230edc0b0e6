// Package wpslug computes slugs exactly as WordPress stores them.
//
// WordPress passes every slug it is sent (and every title it makes a slug
// from) through sanitize_title() in its "save" context: remove_accents()
// with its default-locale table (accents.go, generated from WordPress's own
// function), lower case, then sanitize_title_with_dashes(): HTML tags and
// entities dropped, non-ASCII bytes percent-encoded in lower-case hex with
// the result cut at 200 bytes, a few typographic characters turned into "-"
// or dropped, "." and "/" and spaces into "-", anything else outside
// [a-z0-9_-] dropped, runs of "-" joined and trimmed. A second post of a
// type that wants a taken slug gets "-2", "-3", … (wp_unique_post_slug).
//
// The REST API's slug= filter compares with that stored form, so wpsync
// computes it before sending, sends it (sanitize_title is idempotent on its
// own output) and compares slugs only in that form.
//
// Text is put in Unicode normal form C first, as remove_accents() does on
// hosts with PHP's intl extension: "e" followed by a combining accent (as
// macOS writes file names) is then "é", and so "e". Locale-specific tables
// (de_DE's "ä" → "ae", …) are not applied: the slug wpsync sends is already
// ASCII or percent-encoded, which no locale changes.
package wpslug

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug WordPress stores, in bytes of its encoded form.
const MaxLen = 200

// Sanitize returns the slug WordPress stores when sent s as a slug (or as the
// title of a post sent without one): sanitize_title(s) in the save context.
// It may return "" (WordPress then falls back to the post ID or title).
func Sanitize(s string) string {
	s = removeAccents(s)
	s = stripTags(s)
	// Keep well-formed %XX octets, drop other "%".
	s = octet.ReplaceAllString(s, "---$1---")
	s = strings.ReplaceAll(s, "%", "")
	s = marked.ReplaceAllString(s, "%$1")
	if utf8.ValidString(s) {
		s = strings.ToLower(s) // mb_strtolower: every host WordPress recommends has mbstring
		s = uriEncode(s, MaxLen)
	}
	s = asciiLower(s)
	s = dashes.Replace(s)
	s = entity.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, ".", "-")
	s = notSlug.ReplaceAllString(s, "")
	s = spaces.ReplaceAllString(s, "-")
	s = runs.ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}

// Numbered returns the slug WordPress gives the n-th post (n ≥ 2) that wants
// base, as wp_unique_post_slug does: base cut so that "-n" fits in MaxLen.
// Numbered(base, 1) is base.
func Numbered(base string, n int) string {
	if n <= 1 {
		return base
	}
	suffix := fmt.Sprintf("-%d", n)
	return truncate(base, MaxLen-len(suffix)) + suffix
}

// truncate is _truncate_post_slug: at most max bytes, cut back so that no
// percent-encoded octet is split, without a trailing "-".
func truncate(slug string, max int) string {
	if len(slug) <= max {
		return slug
	}
	// WordPress decodes, cuts with utf8_uri_encode at max and trims "-".
	return strings.TrimRight(uriEncode(percentDecode(slug), max), "-")
}

var (
	octet   = regexp.MustCompile(`%([a-fA-F0-9][a-fA-F0-9])`)
	marked  = regexp.MustCompile(`---([a-fA-F0-9][a-fA-F0-9])---`)
	entity  = regexp.MustCompile(`&.+?;`)
	notSlug = regexp.MustCompile(`[^%a-z0-9 _-]`)
	spaces  = regexp.MustCompile(`\s+`)
	runs    = regexp.MustCompile(`-+`)
	// The replacements of sanitize_title_with_dashes' save context, on the
	// percent-encoded form.
	dashes = strings.NewReplacer(
		// Non-breaking space, en and em dash, and their entities, become "-".
		"%c2%a0", "-", "%e2%80%93", "-", "%e2%80%94", "-",
		"&nbsp;", "-", "&#160;", "-", "&ndash;", "-", "&#8211;", "-", "&mdash;", "-", "&#8212;", "-",
		"/", "-",
		// Soft hyphen, inverted marks, guillemets, quotes, bullet, ©®°…™,
		// accents written alone, zero-width and direction marks: dropped.
		"%c2%ad", "", "%c2%a1", "", "%c2%bf", "", "%c2%ab", "", "%c2%bb", "",
		"%e2%80%b9", "", "%e2%80%ba", "", "%e2%80%98", "", "%e2%80%99", "",
		"%e2%80%9c", "", "%e2%80%9d", "", "%e2%80%9a", "", "%e2%80%9b", "",
		"%e2%80%9e", "", "%e2%80%9f", "", "%e2%80%a2", "", "%c2%a9", "",
		"%c2%ae", "", "%c2%b0", "", "%e2%80%a6", "", "%e2%84%a2", "",
		"%c2%b4", "", "%cb%8a", "", "%cc%81", "", "%cd%81", "", "%cc%80", "",
		"%cc%84", "", "%cc%8c", "",
		"%e2%80%8b", "", "%e2%80%8c", "", "%e2%80%8d", "", "%e2%80%8e", "",
		"%e2%80%8f", "", "%e2%80%aa", "", "%e2%80%ab", "", "%e2%80%ac", "",
		"%e2%80%ad", "", "%e2%80%ae", "", "%ef%bb%bf", "", "%ef%bf%bc", "",
		// Typographic spaces and line/paragraph separators become "-".
		"%e2%80%80", "-", "%e2%80%81", "-", "%e2%80%82", "-", "%e2%80%83", "-",
		"%e2%80%84", "-", "%e2%80%85", "-", "%e2%80%86", "-", "%e2%80%87", "-",
		"%e2%80%88", "-", "%e2%80%89", "-", "%e2%80%8a", "-", "%e2%80%a8", "-",
		"%e2%80%a9", "-", "%e2%80%af", "-",
		// The multiplication sign becomes "x".
		"%c3%97", "x",
	)
)

// removeAccents is remove_accents() for the default locale.
func removeAccents(s string) string {
	if isASCII(s) {
		return s
	}
	if !utf8.ValidString(s) {
		// WordPress's Latin-1 fallback table is for non-UTF-8 input, which
		// wpsync never sends (front matter and file names are UTF-8).
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if rep, ok := accents[r]; ok {
			b.WriteString(rep)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripTags is PHP's strip_tags as WordPress uses it here: tags (and
// comments) out, text kept.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		rest := s[i+1:]
		// A "<" that opens no tag ("<3", "a < b") is text to PHP too only
		// when followed by whitespace; strip_tags drops the rest of the
		// string after an unclosed tag.
		if rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' {
			b.WriteByte('<')
			s = rest
			continue
		}
		j := strings.IndexByte(rest, '>')
		if j < 0 {
			return b.String()
		}
		s = rest[j+1:]
	}
}

// uriEncode is utf8_uri_encode($s, $length): bytes over 127 as lower-case
// %xx, whole characters only, at most length bytes of output (0: no limit).
func uriEncode(s string, length int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			if length > 0 && n+1 > length {
				break
			}
			b.WriteRune(r)
			n++
			continue
		}
		var buf [utf8.UTFMax]byte
		k := utf8.EncodeRune(buf[:], r)
		if length > 0 && n+3*k > length {
			break
		}
		for _, c := range buf[:k] {
			fmt.Fprintf(&b, "%%%x", c)
		}
		n += 3 * k
	}
	return b.String()
}

// percentDecode undoes %xx escapes (urldecode without "+").
func percentDecode(s string) string {
	return octet.ReplaceAllStringFunc(s, func(m string) string {
		var c byte
		fmt.Sscanf(m[1:], "%02x", &c)
		return string([]byte{c})
	})
}

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Same reports whether two slugs are the same once stored.
func Same(a, b string) bool { return Sanitize(a) == Sanitize(b) }
