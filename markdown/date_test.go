package markdown

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, hh, mm, ss, ns int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, ns, time.UTC)
	}
	tests := []struct {
		in      string
		want    time.Time // compared as an instant; wall clock when !zone
		zone    bool
		invalid bool
	}{
		{in: "2024-03-05", want: utc(2024, 3, 5, 0, 0, 0, 0)},
		{in: " 2024-03-05 ", want: utc(2024, 3, 5, 0, 0, 0, 0)},
		{in: "2024-03-05T10:20:30", want: utc(2024, 3, 5, 10, 20, 30, 0)},
		{in: "2024-03-05 10:20:30", want: utc(2024, 3, 5, 10, 20, 30, 0)},
		{in: "2024-03-05T10:20:30Z", want: utc(2024, 3, 5, 10, 20, 30, 0), zone: true},
		{in: "2024-03-05T10:20:30+01:00", want: utc(2024, 3, 5, 9, 20, 30, 0), zone: true},
		{in: "2024-03-05T10:20:30.123456789-02:00", want: utc(2024, 3, 5, 12, 20, 30, 123456789), zone: true},
		{in: "2024-03-05T10:20:30.5", want: utc(2024, 3, 5, 10, 20, 30, 500000000)},
		{in: "2025-01-29 18:15:32 +0530", want: utc(2025, 1, 29, 12, 45, 32, 0), zone: true},
		{in: "2025-01-29 18:15:32 +05:30", want: utc(2025, 1, 29, 12, 45, 32, 0), zone: true},
		{in: "2025-01-29 18:15:32 -0800", want: utc(2025, 1, 30, 2, 15, 32, 0), zone: true},
		{in: "2025-01-29 18:15:32Z", want: utc(2025, 1, 29, 18, 15, 32, 0), zone: true},
		{in: "2025-01-29T18:15", want: utc(2025, 1, 29, 18, 15, 0, 0)},
		{in: "2025-01-29 18:15", want: utc(2025, 1, 29, 18, 15, 0, 0)},
		{in: "2024-02-30", invalid: true},
		{in: "2024-3-5", want: utc(2024, 3, 5, 0, 0, 0, 0)},    // Ruby and Hugo read it so
		{in: "Jul 08 2022", want: utc(2022, 7, 8, 0, 0, 0, 0)}, // Astro's blog template
		{in: "July 8 2022", want: utc(2022, 7, 8, 0, 0, 0, 0)},
		{in: "05/03/2024", invalid: true},
		{in: "2024-03-05T25:00:00", invalid: true},
		{in: "yesterday", invalid: true},
		{in: "", invalid: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseDate(tt.in)
			if ok == tt.invalid {
				t.Fatalf("parseDate(%q) ok = %v, want %v", tt.in, ok, !tt.invalid)
			}
			if tt.invalid {
				return
			}
			if !got.Time.Equal(tt.want) || got.HasZone != tt.zone {
				t.Errorf("parseDate(%q) = %v (zone %v), want %v (zone %v)", tt.in, got.Time, got.HasZone, tt.want, tt.zone)
			}
		})
	}
}

func TestDate_IsZero(t *testing.T) {
	if !(Date{}).IsZero() {
		t.Error("Date{}.IsZero() = false")
	}
	if (Date{Time: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)}).IsZero() {
		t.Error("2024-03-05 IsZero() = true")
	}
}

// TestParseDate_SkipsOnlyLayoutsThatCannotFit checks layoutDate against
// trying every layout in turn, which its shortcut must not change.
func TestParseDate_SkipsOnlyLayoutsThatCannotFit(t *testing.T) {
	every := func(s string) (Date, bool) {
		s = strings.TrimSpace(s)
		for _, l := range dateLayouts {
			if tm, err := time.Parse(l.layout, s); err == nil {
				return Date{Time: tm, HasZone: l.hasZone}, true
			}
		}
		return Date{}, false
	}
	dates := []string{"2024-03-05", "2024-3-05", "2024-03-5", "24-03-05", "2024/03/05", "20240305", "2024-03-05x", " 2024-03-05"}
	rests := []string{"", "T", " ", "t", "T10:20:30", " 10:20:30", "T1:20:30", " 1:2:3", "T10:20", " 10:20", "T10:20:30Z",
		"T10:20:30.5+01:00", " 10:20:30 +0530", " 10:20:30 -07:00", "T10:20:30-0700", " 10:20:30 Z", " 10:20:30Z",
		"T10:20Z", "T10:20+01:00", " 10:20 -0700", "T10:20:30 ", "Z", "T25:00", "x10:20"}
	for _, d := range dates {
		for _, r := range rests {
			s := d + r
			got, gotOK := layoutDate(strings.TrimSpace(s))
			want, wantOK := every(s)
			if gotOK != wantOK || !got.Time.Equal(want.Time) || got.HasZone != want.HasZone ||
				got.Time.Location().String() != want.Time.Location().String() {
				t.Errorf("parseDate(%q) = %v, %v; every layout in turn gives %v, %v", s, got, gotOK, want, wantOK)
			}
		}
	}
}
