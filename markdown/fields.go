package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Statuses are the WordPress post statuses a file (or the default status of
// a run) may ask for.
var Statuses = []string{"publish", "draft", "pending", "private", "future"}

// Unpublished reports whether a status keeps a post unseen by visitors and
// unscheduled (draft, pending): a user who may not publish can write such
// posts, and Jekyll keeps them in _drafts. The others of Statuses publish
// the post, at once, at its date or to the signed-in.
func Unpublished(status string) bool {
	return status == "draft" || status == "pending"
}

const dateHint = "write it like 2024-03-05, 2024-03-05T10:20:30 or 2024-03-05T10:20:30+01:00"

// fieldReader reads typed values out of decoded front matter and reports
// wrong ones as *Error naming the field and the value.
type fieldReader struct {
	path   string
	fields fields
	// rollDates and rolled: SiteRules.RollDates, and its warnings.
	rollDates bool
	rolled    []string
}

func (r *fieldReader) errorf(e entry, hint, format string, args ...any) *Error {
	return &Error{Path: r.path, Line: e.line, Field: e.key, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// text returns the first non-empty value among keys, trimmed. Numbers and
// booleans count as text (Hugo and Jekyll accept `title: 2024`); lists, maps
// and dates do not.
func (r *fieldReader) text(keys ...string) (string, error) {
	for _, k := range keys {
		e, ok := r.fields[k]
		if !ok {
			continue
		}
		s, ok := scalarText(e.val)
		if !ok {
			return "", r.errorf(e, "write a single value, in quotes if it contains [ ] { } or a colon",
				"want a single text value, got %s", describe(e.val))
		}
		if s = strings.TrimSpace(s); s != "" {
			return s, nil
		}
	}
	return "", nil
}

// How list splits a list field given as one string.
const (
	splitNone   = iota // one item
	splitCommas        // on commas: "garden, tomatoes"
	splitWords         // on commas if it has any, else on whitespace (Jekyll's "categories: a b")
)

// list returns the items of a list field, trimmed, without empty items. A
// single value is a one-item list, or split as split says.
func (r *fieldReader) list(key string, split int) ([]string, error) {
	e, ok := r.fields[key]
	if !ok || e.val == nil {
		return nil, nil
	}
	const hint = "write a list like [a, b] or a single value"
	var items []string
	if list, ok := e.val.([]any); ok {
		for i, v := range list {
			s, ok := scalarText(v)
			if !ok {
				return nil, r.errorf(e, hint, "want a list of text values, item %d is %s", i+1, describe(v))
			}
			items = append(items, s)
		}
	} else {
		s, ok := scalarText(e.val)
		if !ok {
			return nil, r.errorf(e, hint, "want a list of text values, got %s", describe(e.val))
		}
		switch {
		case split == splitCommas || split == splitWords && strings.Contains(s, ","):
			// "garden, tomatoes, summer": what WordPress's own tag box
			// makes of it, and what people who write it mean.
			items = strings.Split(s, ",")
		case split == splitWords:
			items = strings.Fields(s)
		default:
			items = []string{s}
		}
	}
	out := items[:0]
	for _, s := range items {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// boolean returns a true/false field; set is false when the key is absent.
// Quoted "true" is rejected rather than guessed at.
func (r *fieldReader) boolean(key string) (value, set bool, err error) {
	e, ok := r.fields[key]
	if !ok || e.val == nil {
		return false, false, nil
	}
	b, ok := e.val.(bool)
	if !ok {
		return false, false, r.errorf(e, "write true or false without quotes", "want true or false, got %s", describe(e.val))
	}
	return b, true, nil
}

// date returns a date field; zero when absent or empty.
func (r *fieldReader) date(key string) (Date, error) {
	e, ok := r.fields[key]
	if !ok || e.val == nil {
		return Date{}, nil
	}
	switch v := e.val.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return Date{}, nil
		}
		if d, ok := parseDate(v); ok {
			return d, nil
		}
		if r.rollDates {
			if d, rolled, ok := rollDate(v); ok { // docusaurus.go
				r.rolled = append(r.rolled, fmt.Sprintf("line %d: %s: %q is no day of the calendar: read as %s, as the generator's JavaScript Date reads it", e.line, e.key, v, rolled))
				return d, nil
			}
		}
		return Date{}, r.errorf(e, dateHint, "cannot parse date %q", v)
	case time.Time:
		if d, ok := tomlDate(v); ok {
			return d, nil
		}
		return Date{}, r.errorf(e, dateHint, "want a date, got the time of day %s", v.Format("15:04:05"))
	}
	return Date{}, r.errorf(e, dateHint, "want a date, got %s", describe(e.val))
}

// status returns the status field lower-cased, checked against WordPress's.
func (r *fieldReader) status() (string, error) {
	s, err := r.text("status")
	if err != nil || s == "" {
		return "", err
	}
	for _, ok := range Statuses {
		if strings.EqualFold(s, ok) {
			return ok, nil
		}
	}
	return "", r.errorf(r.fields["status"], "want one of "+strings.Join(Statuses, ", "), "unknown value %q", s)
}

// format returns the format field lower-cased: blocks or classic.
func (r *fieldReader) format() (string, error) {
	s, err := r.text("format")
	if err != nil || s == "" || isPostFormat(s) { // a post format: see extra.go
		return "", err
	}
	for _, ok := range formats {
		if strings.EqualFold(s, ok) {
			return ok, nil
		}
	}
	return "", r.errorf(r.fields["format"], "want "+strings.Join(formats, " or "), "unknown value %q", s)
}

// scalarText returns v as text when it is a single value.
func scalarText(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", true
	case string:
		return v, true
	case number:
		return string(v), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

// describe names a value for an error message, showing short values.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "nothing"
	case string:
		if r := []rune(v); len(r) > 60 {
			v = string(r[:57]) + "..."
		}
		return strconv.Quote(v)
	case number:
		return "the number " + string(v)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return "the date " + v.Format(time.RFC3339)
	case compound:
		return string(v)
	case mapping:
		return "a mapping"
	case []any:
		parts := make([]string, 0, len(v))
		for _, item := range v {
			parts = append(parts, describe(item))
		}
		s := strings.Join(parts, ", ")
		if r := []rune(s); len(r) > 60 {
			s = string(r[:57]) + "..."
		}
		return "a list [" + s + "]"
	}
	return fmt.Sprintf("%v", v)
}
