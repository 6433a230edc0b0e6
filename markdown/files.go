package markdown

import (
	"path"
	"strings"
)

// This file is the one home of the rules on which files are what, by
// name: Markdown (a post or page of its own), media (published through the
// media library when a post links or shows it) and, among media, pictures
// (which may be a featured image). sync, watch and the site adapters ask
// these functions rather than keeping lists of their own.

// IsMarkdownPath reports whether p names a Markdown file.
func IsMarkdownPath(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".md" || ext == ".markdown"
}

// mediaKind says what a media file's extension means.
type mediaKind uint8

const (
	// picture: a featured image may name it.
	picture mediaKind = 1 << iota
	// linked: a link to it ([report](report.pdf)) names a file of the
	// folder, which must be there. A link to a media file without this
	// mark is a file only when one is there (sync's linkedFile), and else
	// stays an address on the site.
	linked
)

// mediaExts are the extensions of the files sync publishes through the
// media library: WordPress's default allowed types (wp_get_mime_types)
// and SVG, which a plugin may allow. A picture shown in the body
// (![x](a.png), <img src>) or a <video>/<audio> source is uploaded
// whatever its extension; this list decides for links, featured images
// and what `watch` reacts to.
var mediaExts = map[string]mediaKind{
	// Pictures.
	".png": picture | linked, ".jpg": picture | linked, ".jpeg": picture | linked, ".gif": picture | linked,
	".webp": picture | linked, ".ico": picture | linked, ".heic": picture | linked, ".avif": picture | linked,
	".svg": picture, ".bmp": picture, ".tif": picture, ".tiff": picture,
	// Documents and archives.
	".pdf": linked, ".zip": linked, ".gz": linked, ".doc": linked, ".docx": linked, ".xls": linked, ".xlsx": linked,
	".ppt": linked, ".pptx": linked, ".odt": linked, ".ods": linked, ".odp": linked, ".rtf": linked, ".txt": linked, ".csv": linked,
	".key": 0, ".numbers": 0, ".pages": 0, ".odg": 0, ".odf": 0, ".ott": 0, ".ots": 0,
	".7z": 0, ".rar": 0, ".tar": 0, ".psd": 0, ".xcf": 0, ".ics": 0, ".vtt": 0,
	// Sound.
	".mp3": linked, ".m4a": linked, ".ogg": linked, ".wav": linked, ".flac": linked,
	".wma": 0, ".mid": 0, ".midi": 0, ".ra": 0,
	// Video.
	".mp4": linked, ".m4v": linked, ".mov": linked, ".webm": linked, ".ogv": linked,
	".avi": 0, ".wmv": 0, ".mkv": 0, ".3gp": 0, ".mpeg": 0, ".mpg": 0,
}

// IsMediaPath reports whether p names a file that sync uploads to the
// media library when a post links it or shows it: a picture, a document,
// an archive, sound or video of a kind WordPress takes. A change to such a
// file may change the posts that use it.
func IsMediaPath(p string) bool {
	_, ok := mediaExts[strings.ToLower(path.Ext(p))]
	return ok
}

// IsPicturePath reports whether p names a picture file, which a featured
// image may be.
func IsPicturePath(p string) bool {
	return mediaExts[strings.ToLower(path.Ext(p))]&picture != 0
}

// linksAsFile reports whether a link to p names a file of the folder
// before looking for it (see linked).
func linksAsFile(p string) bool {
	return mediaExts[strings.ToLower(path.Ext(p))]&linked != 0
}
