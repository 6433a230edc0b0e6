package markdown

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
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

// parseDate parses a date written as text: one of dateLayouts, else a
// form lenientDate reads. ok is false when none fits.
func parseDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if d, ok := layoutDate(s); ok {
		return d, true
	}
	return lenientDate(s)
}

// layoutDate parses s, trimmed, with the first of dateLayouts that fits.
func layoutDate(s string) (Date, bool) {
	for _, l := range dateLayouts {
		// Skip the layouts that cannot fit, and the cost of the error
		// time.Parse would make. Every layout starts with the fixed-width
		// 2006-01-02, so the next character must be the layout's (or
		// none, for the date alone).
		if len(l.layout) == 10 && len(s) != 10 || len(l.layout) > 10 && (len(s) <= 10 || s[10] != l.layout[10]) {
			continue
		}
		// A zone is a "Z" or an offset's sign.
		if l.hasZone && !strings.ContainsAny(s[10:], "Z+-") {
			continue
		}
		t, err := time.Parse(l.layout, s)
		if err == nil {
			return Date{Time: t, HasZone: l.hasZone}, true
		}
	}
	return Date{}, false
}

// lenientRE is a date with months and days of one or two digits, an
// optional time, and what follows (a zone, perhaps the year again).
var lenientRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?((?:\s.*|Z|[+-].*)?)$`)

// zoneRE is an offset as Ruby and Go write them: Z, +01, +0100, +01:00.
var zoneRE = regexp.MustCompile(`^(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$`)

// wordLayouts are the other forms Ruby's Time.parse (Jekyll) and Hugo
// accept that people write: git's and Unix date's, RFC 1123 and 822, and
// dates in words.
var wordLayouts = []struct {
	layout  string
	hasZone bool
}{
	{"Mon Jan _2 15:04:05 2006 -0700", true}, // git log
	{time.UnixDate, true},
	{time.RubyDate, true},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
	{time.RFC822Z, true},
	{"January 2, 2006", false},
	{"Jan 2, 2006", false},
	{"2 January 2006", false},
	{"2 Jan 2006", false},
	// Astro's blog template writes "Jul 08 2022", which JavaScript's
	// Date (and Ruby's Time.parse) reads.
	{"Jan 2 2006", false},
	{"January 2 2006", false},
}

// lenientDate reads what the generators accept beyond dateLayouts:
// 2024-4-09 and 2024-04-09 9:05 (Ruby's Time.parse and Hugo both do),
// Ruby's "2023-01-29 18:30:22 2023 -0800" (Time.parse skips the repeated
// year), and the forms of wordLayouts.
func lenientDate(s string) (Date, bool) {
	for _, l := range wordLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return Date{Time: t, HasZone: l.hasZone}, true
		}
	}
	m := lenientRE.FindStringSubmatch(s)
	if m == nil {
		return Date{}, false
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(m[i])
		return n
	}
	y, mo, d := num(1), num(2), num(3)
	hh, mm, ss := num(4), num(5), num(6)
	var ns int
	if m[7] != "" {
		f, _ := strconv.ParseFloat("0"+m[7], 64)
		ns = int(f * 1e9)
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 {
		return Date{}, false
	}
	zone, hasZone := time.UTC, false
	for _, tok := range strings.Fields(m[8]) {
		switch {
		case tok == m[1]: // the year again
		case !hasZone && zoneRE.MatchString(tok):
			off := 0
			if tok[0] == '+' || tok[0] == '-' {
				digits := strings.ReplaceAll(tok[1:], ":", "")
				h, _ := strconv.Atoi(digits[:2])
				off = h * 3600
				if len(digits) == 4 {
					mi, _ := strconv.Atoi(digits[2:])
					off += mi * 60
				}
				if tok[0] == '-' {
					off = -off
				}
			}
			zone, hasZone = time.FixedZone("", off), true
		default:
			return Date{}, false
		}
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, ns, zone)
	if t.Day() != d { // 2024-02-31
		return Date{}, false
	}
	return Date{Time: t, HasZone: hasZone}, true
}

// fileNameDate splits a "YYYY-MM-DD-" prefix off name, the date ended by
// one of seps ("" is "-"; Zola's are "-_"). ok is false and rest is name
// when there is no valid date prefix.
func fileNameDate(name, seps string) (d Date, rest string, ok bool) {
	if seps == "" {
		seps = "-"
	}
	if len(name) < 11 || strings.IndexByte(seps, name[10]) < 0 {
		return Date{}, name, false
	}
	t, err := time.Parse("2006-01-02", name[:10])
	if err != nil {
		return Date{}, name, false
	}
	return Date{Time: t}, name[11:], true
}

// tomlDate converts a TOML datetime. BurntSushi/toml marks local values with
// locations of its own; only offset datetimes carry a real zone.
func tomlDate(t time.Time) (Date, bool) {
	switch t.Location() {
	case tomlLocal.date, tomlLocal.datetime:
		y, m, d := t.Date()
		return Date{Time: time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)}, true
	case tomlLocal.time:
		return Date{}, false // a time of day without a date
	}
	return Date{Time: t, HasZone: true}, true
}

// tomlLocal holds the locations BurntSushi/toml gives local dates, local
// datetimes and local times. They are unexported, so they are taken from
// the library by decoding one of each.
var tomlLocal = func() (l struct{ date, datetime, time *time.Location }) {
	// Into a map: decoding into a time.Time goes through UnmarshalText,
	// which loses the location.
	var v map[string]any
	_, err := toml.Decode("d = 1979-05-27\ndt = 1979-05-27T07:32:00\nt = 07:32:00\n", &v)
	d, okD := v["d"].(time.Time)
	dt, okDT := v["dt"].(time.Time)
	t, okT := v["t"].(time.Time)
	if err != nil || !okD || !okDT || !okT {
		panic(fmt.Sprintf("toml: decode local datetimes: %v %#v", err, v))
	}
	l.date, l.datetime, l.time = d.Location(), dt.Location(), t.Location()
	return l
}()
