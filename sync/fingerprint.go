package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"regexp"
	"strings"
)

// Fingerprint: what wpsync sent, kept in the post
//
// A run without the state file (a CI checkout that does not commit it,
// --rebuild-state) finds each file's post by its slug and must tell whether
// the post holds what the file sends. Comparing with what WordPress stored
// would mean predicting everything WordPress and its plugins do on save
// (kses stripping an Author's <iframe>, rel="noopener", dates, filters of
// content): that cannot be done for good. So every write carries a
// fingerprint of what it sent, in the post itself, and a run that finds the
// post compares fingerprints, not content:
//
//	<!-- wp:paragraph {"wpsync":"1.KEY.SUM"} -->
//
// It is a JSON attribute of the first block's comment delimiter: WordPress
// keeps HTML comments for every role (kses re-encodes block attributes but
// keeps their string values), and the block editor drops it when a person
// saves the post (it serializes only the attributes a block type declares),
// so an edit made in the editor reads as one: no fingerprint, and the post is
// compared as stored, as before. KEY is the file's path, hashed (fileKey): it
// tells which file of a slug family a post is (see findSlugs); SUM is a hash
// of every field sent (Body) but the fingerprint and the slug, by which the
// post was found. What it costs: about 50 bytes a post, visible in the code
// editor. Content that is not block markup (the classic format, empty
// content) carries none.
//
// The fingerprint is added in Body, the one place a write's fields are put
// together, and taken off in the REST client when a post is read (by
// SplitFingerprint), so that Post.Content is always what the file renders.

// fingerprintVersion starts each fingerprint, so that another way of
// summing can come later without reading old ones wrong.
const fingerprintVersion = "1"

// Fingerprint is what SplitFingerprint found in a post's content.
type Fingerprint struct {
	Key string // the file's key (fileKey)
	Sum string // the sum of what was sent (sentSum)
}

// fileKey is the key of a file in fingerprints: its path, hashed (the
// path itself stays out of the post).
func fileKey(path string) string {
	sum := sha256.Sum256([]byte(path))
	return hex.EncodeToString(sum[:6])
}

// sentSum sums a write's fields (Body's, before the fingerprint is added),
// but the slug.
func sentSum(body map[string]any) string {
	b := maps.Clone(body)
	delete(b, "slug")
	data, _ := json.Marshal(b) // sorted keys: the same fields give the same bytes
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:12])
}

// blockStart matches the first block's comment delimiter up to its
// attributes, "{" or the end ("-->", "/-->").
var blockStart = regexp.MustCompile(`^<!-- wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)? `)

// stampedStart matches a fingerprint where withFingerprint puts it.
var stampedStart = regexp.MustCompile(`^(<!-- wp:[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)? )\{"wpsync":"` + fingerprintVersion + `\.([0-9a-f]+)\.([0-9a-f]+)"(,|\} )`)

// withFingerprint puts a fingerprint into the first block's comment
// delimiter of content, as its first attribute. ok is false when content
// does not start with block markup.
func withFingerprint(content string, fp Fingerprint) (string, bool) {
	m := blockStart.FindStringIndex(content)
	if m == nil {
		return content, false
	}
	attr := `"wpsync":"` + fingerprintVersion + "." + fp.Key + "." + fp.Sum + `"`
	head, rest := content[:m[1]], content[m[1]:]
	switch {
	case strings.HasPrefix(rest, "{}"):
		return content, false // not what WordPress writes; left alone
	case strings.HasPrefix(rest, "{"):
		return head + "{" + attr + "," + rest[1:], true
	case strings.HasPrefix(rest, "-->"), strings.HasPrefix(rest, "/-->"):
		return head + "{" + attr + "} " + rest, true
	}
	return content, false
}

// SplitFingerprint takes the fingerprint wpsync put into a post's content
// off it: content is then what the file rendered. ok is false when there
// was none (a post not written by wpsync, or saved in the block editor
// since).
func SplitFingerprint(stored string) (content string, fp Fingerprint, ok bool) {
	m := stampedStart.FindStringSubmatchIndex(stored)
	if m == nil {
		return stored, Fingerprint{}, false
	}
	head := stored[m[2]:m[3]]
	fp = Fingerprint{Key: stored[m[4]:m[5]], Sum: stored[m[6]:m[7]]}
	rest := stored[m[1]:]
	if stored[m[8]:m[9]] == "," {
		return head + "{" + rest, fp, true
	}
	return head + rest, fp, true
}

// sameAsSent reports whether an existing post holds what want would send:
// by its fingerprint when it has one (what wpsync last sent it, whatever
// WordPress made of that), else compared as stored (samePost). A post whose
// fingerprint sums another sending is compared as stored too: a file
// pulled from it (package pull) sends what it holds in other words (the
// date, status and author the post has, spelled out), and is that post.
func sameAsSent(have, want *Post) bool {
	if have.Fingerprint.Sum != "" && have.Fingerprint.Sum == sentSum(want.fields()) {
		return true
	}
	return samePost(have, want)
}
