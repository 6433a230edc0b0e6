package markdown

import (
	"path"
	"strings"
)

// withoutLang is the path p without the language code lang its name ends
// in (Hugo's about.fr.md: about.md; index.de.md: index.md), so that a
// translation is named as the page it translates; p when lang is "" or
// the name does not end in it.
func withoutLang(p, lang string) string {
	if lang == "" {
		return p
	}
	ext := path.Ext(p)
	stem := strings.TrimSuffix(p, ext)
	if i := len(stem) - len(lang) - 1; i > 0 && stem[i] == '.' && strings.EqualFold(stem[i+1:], lang) {
		return stem[:i] + ext
	}
	return p
}
