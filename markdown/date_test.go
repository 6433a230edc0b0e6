package markdown

import (
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
		{in: "2024-3-5", invalid: true},
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
