package sync

import (
	"fmt"
	"image"
	_ "image/gif" // the formats a damaged picture is told by
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// damagedPicture says why the picture at p (slash path in the folder) is
// no picture its decoder reads — a PNG whose CR-LF bytes a checkout
// turned into LF is refused by WordPress as of an unknown type — or ""
// when it is read, or is of a format not checked here.
func (s *Syncer) damagedPicture(p string) string {
	ext := strings.ToLower(path.Ext(p))
	if ext != ".png" && ext != ".jpg" && ext != ".jpeg" && ext != ".gif" {
		return ""
	}
	f, err := os.Open(filepath.Join(s.opts.Dir, filepath.FromSlash(p)))
	if err != nil {
		return ""
	}
	defer f.Close()
	if _, _, err := image.DecodeConfig(f); err != nil {
		return fmt.Sprintf("the file is not a valid %s picture (%v): it is damaged — a Git checkout that turned its CR-LF bytes into LF does this (mark it binary in .gitattributes); restore it from its source", strings.ToUpper(ext[1:]), err)
	}
	return ""
}
