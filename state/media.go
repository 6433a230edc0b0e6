package state

// MediaEntry is what wpsync knows about one file it uploaded to the media
// library. A file is uploaded once per site: later runs find it here, by
// path and content hash, and a file whose hash changed is uploaded anew.
type MediaEntry struct {
	ID int `json:"id"`
	// Hash is the file's content hash ("sha256:…").
	Hash string `json:"hash"`
	// URL is the item's source_url: what references to the file become.
	URL string `json:"url"`
	// Size and ModTime let a run skip hashing a file that did not change.
	Size    int64 `json:"size,omitempty"`
	ModTime int64 `json:"mtime_ns,omitempty"`
}

// RefusedMedia is a file the site refused to take into its media library
// (WordPress refuses SVG unless a plugin allows it), kept by content hash
// so that later runs do not send the same bytes again to be refused again.
// It is forgotten when the file's content changes (another hash) or with
// sync --force.
type RefusedMedia struct {
	// Path is the file that was refused, for people reading the state.
	Path string `json:"path"`
	// Error is what the site answered.
	Error string `json:"error"`
	// Inline is set when the drawing goes into posts inline instead: the
	// user may post unfiltered HTML.
	Inline bool `json:"inline,omitempty"`
}
