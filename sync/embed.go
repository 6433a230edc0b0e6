package sync

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
)

// Embedded files
//
// A file may show another file's text in place (an Obsidian ![[Note]],
// markdown.RefEmbed): what it sends then changes when that file does,
// though it did not change itself. Its state entry records, under the
// key embedPrefix + the embedded file's path, the hash of that file's
// bytes when it was rendered; refsCurrent compares it with the file as it
// is now, so an edit of the embedded note reads and sends the embedding
// file again, and nothing else.

// embedPrefix starts the Entry.Refs key of an embedded file.
const embedPrefix = "embed:"

// embedValue is what an embedded file (slash path relative to the folder)
// is recorded as: the hash of its bytes, "" when it cannot be read.
func (s *Syncer) embedValue(p string) string {
	raw, err := os.ReadFile(filepath.Join(s.opts.Dir, filepath.FromSlash(p)))
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}
