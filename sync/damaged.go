package sync

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif" // the formats a damaged picture is told by
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// damagedPicture says, in the author's terms, why the picture at p (slash
// path in the folder) is no picture its decoder reads — a PNG whose CR-LF
// bytes a checkout turned into LF is refused by WordPress as of an unknown
// type — and what to do; or "" when it is read, is of a format not checked
// here, or uses a feature Go's decoders lack but the picture may well have
// (an arithmetic-coded JPEG): only a picture that is surely damaged is
// refused before WordPress is asked.
//
// It runs while the file that shows the picture is read (resolveMedia), so
// that sync --dry-run and status say what the run will: the file is not
// sent, with the picture's line.
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
	_, _, err = image.DecodeConfig(f)
	var jpegFeature jpeg.UnsupportedError
	var pngFeature png.UnsupportedError
	if err == nil || errors.As(err, &jpegFeature) || errors.As(err, &pngFeature) {
		return ""
	}
	kind := strings.ToUpper(strings.TrimPrefix(ext, "."))
	if kind == "JPG" {
		kind = "JPEG"
	}
	why := "its bytes inside are not those of a " + kind + " picture"
	switch {
	case errors.Is(err, image.ErrFormat):
		why = "it does not begin as a " + kind + " picture does"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		why = "it ends before its picture does (cut short)"
	}
	return fmt.Sprintf("is damaged: %s, so no reader or WordPress can show it. A Git checkout that turned its CR-LF bytes into LF does this (mark pictures binary in .gitattributes, e.g. *.%s binary); restore the file from its source", why, strings.TrimPrefix(ext, "."))
}
