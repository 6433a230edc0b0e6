package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadFile_Format(t *testing.T) {
	tests := []struct {
		yaml, want, err string
	}{
		{"", "", ""},
		{"format: blocks\n", "blocks", ""},
		{"format: classic\n", "classic", ""},
		{"format: html\n", "", `format: unknown value "html" (want blocks or classic)`},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), []byte(tt.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := LoadFile(dir)
		var cfgErr *Error
		switch {
		case tt.err != "":
			if !errors.As(err, &cfgErr) || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want a config error with %q", tt.yaml, err, tt.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tt.yaml, err)
		case f.Format != tt.want:
			t.Errorf("%q: Format = %q, want %q", tt.yaml, f.Format, tt.want)
		}
	}
}
