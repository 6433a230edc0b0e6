package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/wpsync/wpsync/internal/benchdata"
)

// benchInput is all golden inputs joined, about the size of a long post.
func benchInput(b *testing.B) []byte {
	var buf bytes.Buffer
	for _, md := range goldenFiles(b) {
		src, err := os.ReadFile(md)
		if err != nil {
			b.Fatal(err)
		}
		buf.Write(src)
		buf.WriteString("\n\n")
	}
	return buf.Bytes()
}

// BenchmarkRender measures our renderer; compare with BenchmarkGoldmarkPlain
// (target: at least 0.8 of its throughput).
func BenchmarkRender(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoldmarkPlain is goldmark with the same extensions and nothing of
// ours, built once like md.
func BenchmarkGoldmarkPlain(b *testing.B) {
	src := benchInput(b)
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		buf.Grow(len(src) + len(src)/4)
		if err := gm.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
		_ = buf.String()
	}
}

// benchFiles are realistic posts, whole files with their front matter: the
// sample site's and posts generated like internal/bench's, the same files
// `go run ./internal/bench -only throughput` measures.
func benchFiles(b *testing.B) ([]benchdata.File, int64) {
	files, err := benchdata.Files(filepath.Join("..", "sample-content"), 20)
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, f := range files {
		size += int64(len(f.Src))
	}
	return files, size
}

// BenchmarkParse measures Parse (front matter and the default format,
// blocks) over benchFiles; compare with BenchmarkGoldmarkFiles (target: at
// least 0.8 of its throughput).
func BenchmarkParse(b *testing.B) { benchmarkParse(b, Options{}) }

// BenchmarkParseClassic is BenchmarkParse in the classic format.
func BenchmarkParseClassic(b *testing.B) { benchmarkParse(b, Options{Format: FormatClassic}) }

func benchmarkParse(b *testing.B, opts Options) {
	files, size := benchFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := ParseWith(f.Name, f.Src, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkGoldmarkFiles is plain goldmark, GFM and footnotes, converting
// the same whole files as BenchmarkParse.
func BenchmarkGoldmarkFiles(b *testing.B) {
	files, size := benchFiles(b)
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			var buf bytes.Buffer
			if err := gm.Convert(f.Src, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}
