package markdown

import (
	"strings"
	"time"
)

// Date is a publication date from front matter or from a Jekyll file name.
//
// When HasZone is false, Time holds the wall-clock time as written, in UTC
// only as a placeholder: it is meant in the WordPress site's own time zone, so
// the caller sends it as `date` and lets WordPress apply the site offset. When
// HasZone is true, Time is an exact instant (with the offset as written) and
// the caller sends Time.UTC() as `date_gmt`.
type Date struct {
	Time    time.Time
	HasZone bool // true when the source gave an offset or Z
}

// IsZero reports whether no date was given.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// dateLayouts are the forms Hugo and Jekyll users write. Go's parser accepts
// fractional seconds after the seconds field even when the layout has none,
// so "2024-03-05T10:20:30.5Z" is covered by the RFC 3339 entry.
var dateLayouts = []struct {
	layout  string
	hasZone bool
}{
	{"2006-01-02", false},
	{"2006-01-02T15:04:05Z07:00", true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true}, // Jekyll's default
	{"2006-01-02 15:04:05 -07:00", true},
	{"2006-01-02T15:04:05-0700", true},
	{"2006-01-02 15:04:05 Z07:00", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02T15:04", false},
	{"2006-01-02 15:04", false},
	{"2006-01-02 15:04 -0700", true},
}

// parseDate parses a date written as text. ok is false when no layout fits.
func parseDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		// Skip the layouts that cannot fit, and the cost of the error
		// time.Parse would make. Every layout starts with the fixed-width
		// 2006-01-02, so the next character must be the layout's (or
		// none, for the date alone).
		if len(l.layout) == 10 && len(s) != 10 || len(l.layout) > 10 && (len(s) <= 10 || s[10] != l.layout[10]) {
			continue
		}
		// A zone is a "Z" or an offset's sign.
		if l.hasZone && strings.IndexAny(s[10:], "Z+-") < 0 {
			continue
		}
		t, err := time.Parse(l.layout, s)
		if err == nil {
			return Date{Time: t, HasZone: l.hasZone}, true
		}
	}
	return Date{}, false
}

// fileNameDate splits a Jekyll "YYYY-MM-DD-" prefix off name. ok is false and
// rest is name when there is no valid date prefix.
func fileNameDate(name string) (d Date, rest string, ok bool) {
	if len(name) < 11 || name[10] != '-' {
		return Date{}, name, false
	}
	t, err := time.Parse("2006-01-02", name[:10])
	if err != nil {
		return Date{}, name, false
	}
	return Date{Time: t}, name[11:], true
}

// tomlDate converts a TOML datetime. BurntSushi/toml marks local values with
// special locations; only offset datetimes carry a real zone.
func tomlDate(t time.Time) (Date, bool) {
	switch t.Location().String() {
	case "date-local", "datetime-local":
		y, m, d := t.Date()
		return Date{Time: time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)}, true
	case "time-local":
		return Date{}, false // a time of day without a date
	}
	return Date{Time: t, HasZone: true}, true
}
