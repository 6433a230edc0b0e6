package markdown

import (
	"slices"
	"strings"
)

// FieldTermsKey reports whether the front matter key key can give the
// terms of a custom taxonomy (PostFields.FieldTerms): no other rule reads
// it. A generator's own keys (its date keys, its taxonomies) are not
// known here: a caller writing terms under key checks those itself.
func FieldTermsKey(key string) bool {
	k := strings.ToLower(key)
	return !slices.Contains(readKeys, k) && !slices.Contains(wordpressOwn, k) && !slices.Contains(seoKeys, k) &&
		!slices.Contains(featuredKeys, k)
}
