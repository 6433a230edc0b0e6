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

// IsMDXPath reports whether p names an MDX file (.mdx): Markdown with
// JSX, a page only on a site whose generator reads MDX (Docusaurus,
// Astro: site.ReadsMDX); a plain folder leaves it out.
func IsMDXPath(p string) bool {
	return strings.ToLower(path.Ext(p)) == ".mdx"
}

// IsPagePath reports whether p names a file that may be a page: Markdown
// or MDX. A link to one is a link to its post, when it is one.
func IsPagePath(p string) bool {
	return IsMarkdownPath(p) || IsMDXPath(p)
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

// mediaType is what a media file's extension means: its kind and the
// media type WordPress gives it (wp_get_mime_types).
type mediaType struct {
	kind mediaKind
	mime string
}

// mediaExts are the extensions of the files sync publishes through the
// media library: WordPress's default allowed types (wp_get_mime_types,
// with their media types; AVIF from WordPress 6.5) and SVG, which a plugin
// may allow. A picture shown in the body (![x](a.png), <img src>) or a
// <video>/<audio> source is uploaded whatever its extension; this list
// decides for links, featured images, what `watch` reacts to, and the
// Content-Type of an upload.
var mediaExts = map[string]mediaType{
	// Pictures.
	".png": {picture | linked, "image/png"}, ".jpg": {picture | linked, "image/jpeg"}, ".jpeg": {picture | linked, "image/jpeg"},
	".gif": {picture | linked, "image/gif"}, ".webp": {picture | linked, "image/webp"}, ".ico": {picture | linked, "image/x-icon"},
	".heic": {picture | linked, "image/heic"}, ".avif": {picture | linked, "image/avif"},
	".svg": {picture, "image/svg+xml"}, ".bmp": {picture, "image/bmp"}, ".tif": {picture, "image/tiff"}, ".tiff": {picture, "image/tiff"},
	// Documents and archives.
	".pdf": {linked, "application/pdf"}, ".zip": {linked, "application/zip"}, ".gz": {linked, "application/x-gzip"},
	".doc": {linked, "application/msword"}, ".docx": {linked, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	".xls": {linked, "application/vnd.ms-excel"}, ".xlsx": {linked, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	".ppt": {linked, "application/vnd.ms-powerpoint"}, ".pptx": {linked, "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	".odt": {linked, "application/vnd.oasis.opendocument.text"}, ".ods": {linked, "application/vnd.oasis.opendocument.spreadsheet"},
	".odp": {linked, "application/vnd.oasis.opendocument.presentation"}, ".rtf": {linked, "application/rtf"},
	".txt": {linked, "text/plain"}, ".csv": {linked, "text/csv"},
	".key": {0, "application/vnd.apple.keynote"}, ".numbers": {0, "application/vnd.apple.numbers"}, ".pages": {0, "application/vnd.apple.pages"},
	".odg": {0, "application/vnd.oasis.opendocument.graphics"}, ".odf": {0, "application/vnd.oasis.opendocument.formula"},
	".7z": {0, "application/x-7z-compressed"}, ".rar": {0, "application/rar"}, ".tar": {0, "application/x-tar"},
	".psd": {0, "application/octet-stream"}, ".xcf": {0, "application/octet-stream"}, ".ics": {0, "text/calendar"}, ".vtt": {0, "text/vtt"},
	// Sound.
	".mp3": {linked, "audio/mpeg"}, ".m4a": {linked, "audio/mpeg"}, ".ogg": {linked, "audio/ogg"}, ".wav": {linked, "audio/wav"},
	".flac": {linked, "audio/flac"}, ".wma": {0, "audio/x-ms-wma"}, ".mid": {0, "audio/midi"}, ".midi": {0, "audio/midi"}, ".ra": {0, "audio/x-realaudio"},
	// Video.
	".mp4": {linked, "video/mp4"}, ".m4v": {linked, "video/mp4"}, ".mov": {linked, "video/quicktime"}, ".webm": {linked, "video/webm"},
	".ogv": {linked, "video/ogg"}, ".avi": {0, "video/avi"}, ".wmv": {0, "video/x-ms-wmv"}, ".mkv": {0, "video/x-matroska"},
	".3gp": {0, "video/3gpp"}, ".mpeg": {0, "video/mpeg"}, ".mpg": {0, "video/mpeg"},
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
	return mediaExts[strings.ToLower(path.Ext(p))].kind&picture != 0
}

// linksAsFile reports whether a link to p names a file of the folder
// before looking for it (see linked).
func linksAsFile(p string) bool {
	return mediaExts[strings.ToLower(path.Ext(p))].kind&linked != 0
}

// MediaType returns the media type WordPress gives a file by its name's
// extension ("image/png"), or "" for an extension not in its list: the
// same on every machine, unlike the system's MIME tables.
func MediaType(p string) string {
	return mediaExts[strings.ToLower(path.Ext(p))].mime
}
