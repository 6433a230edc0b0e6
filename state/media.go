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
