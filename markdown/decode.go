package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// Decoded front matter values are reduced to a few shapes so that field
// validation is the same for every format:
//
//	nil, string, bool, number, time.Time (TOML datetimes), []any, compound
//
// YAML timestamps stay strings (their raw text) so we can see whether the
// author wrote a zone; list items that are lists or maps become compound.
type (
	// number is a numeric value kept as written, so `title: 1.10` stays "1.10".
	number string
	// compound is a nested list or map, described for error messages.
	compound string
	// mapping is a top-level map (cover: {image: x.png}), its values
	// converted like list items (extra.go).
	mapping map[string]any
)

// entry is one top-level front matter key.
type entry struct {
	key  string // as written
	line int    // file line of the key; 0 when unknown
	val  any
}

// fields holds the entries by lower-cased key, so Hugo's capitalised keys
// (Title, Date) work too.
type fields map[string]entry

// add stores e; a key written in lower case wins over a capitalised variant,
// otherwise the first one written wins.
func (f fields) add(e entry) {
	k := strings.ToLower(e.key)
	if old, ok := f[k]; ok && (old.key == k || e.key != k) {
		return
	}
	f[k] = e
}

// decode parses the front matter into fields.
func (fm *frontMatter) decode(path string) (fields, error) {
	switch fm.format {
	case formatYAML:
		return fm.decodeYAML(path)
	case formatTOML:
		return fm.decodeTOML(path)
	default:
		return fm.decodeJSON(path)
	}
}

// syntaxError reports broken front matter at a line within it (0: unknown).
func (fm *frontMatter) syntaxError(path string, rawLine int, msg string) *Error {
	e := &Error{Path: path, Line: fm.fileLine(rawLine), Msg: "invalid " + fm.format + " front matter: " + msg}
	if e.Line > 0 {
		e.Hint = fmt.Sprintf("fix the %s syntax near line %d", fm.format, e.Line)
	} else {
		first := fm.lineBase + 1
		last := fm.lineBase + bytes.Count(fm.raw, []byte("\n"))
		e.Hint = fmt.Sprintf("fix the %s syntax between lines %d and %d", fm.format, first, max(first, last))
	}
	return e
}

// yamlLine pulls the line out of yaml.v3's error text, which is the only place
// it is given: "yaml: line 3: mapping values are not allowed in this context".
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserProblems are the messages yaml.v3 reports as parser (not
// scanner) errors; see yaml_parser_set_parser_error in its parserc.go.
var yamlParserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

func (fm *frontMatter) decodeYAML(path string) (fields, error) {
	var doc yaml.Node
	if content, ok := simpleYAML(fm.raw); ok {
		doc.Content = content
	} else if err := yaml.Unmarshal(fm.raw, &doc); err != nil {
		msg, line := err.Error(), 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
			// yaml.v3 adds 1 to its 0-based marks for scanner errors only,
			// so parser errors come out one line early.
			if yamlParserProblems[msg] {
				line++
			}
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		return nil, fm.syntaxError(path, line, msg)
	}
	f := fields{}
	if len(doc.Content) == 0 {
		return f, nil // empty or only comments
	}
	root := doc.Content[0]
	if root.Kind == yaml.AliasNode && root.Alias != nil {
		root = root.Alias
	}
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return f, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{
			Path: path, Line: fm.fileLine(root.Line),
			Msg:  "front matter is not a set of key: value lines",
			Hint: "write one field per line, like title: My post",
		}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		// yaml.v3 only rejects duplicate keys when decoding into a map;
		// a silently ignored second title would be worse than an error.
		if first, dup := seen[k.Value]; dup {
			return nil, &Error{
				Path: path, Line: fm.fileLine(k.Line), Field: k.Value,
				Msg:  fmt.Sprintf("given twice (first on line %d)", fm.fileLine(first)),
				Hint: "remove one of them",
			}
		}
		seen[k.Value] = k.Line
		f.add(entry{key: k.Value, line: fm.fileLine(k.Line), val: yamlValue(v, true)})
	}
	return f, nil
}

// simpleYAML reads the front matter most files have, much faster than
// yaml.v3: "key: value" lines whose values are one-line scalars, plain or
// quoted without escapes, flow lists of such scalars, or block lists of them
// ("- item" lines). It returns the nodes yaml.v3 would put into a document
// node's Content (decode_test.go checks that), and ok false for anything
// else, which yaml.v3 then parses and reports errors in.
func simpleYAML(raw []byte) (content []*yaml.Node, ok bool) {
	if !yamlSimpleText(raw) {
		return nil, false
	}
	var root *yaml.Node
	nodes := make(yamlNodes, 0, 2*bytes.Count(raw, []byte("\n"))+2)
	lines := 0
	for off := 0; off < len(raw); {
		line, lineNo := yamlNextLine(raw, &off, &lines)
		if yamlSkipLine(line) {
			continue
		}
		k := 0
		for k < len(line) && (isASCIILetter(line[k]) || isASCIIDigit(line[k]) || line[k] == '_' ||
			k > 0 && (line[k] == '-' || line[k] == '.')) {
			k++
		}
		if k == 0 || k > 128 || k == len(line) || line[k] != ':' || k+1 < len(line) && line[k+1] != ' ' {
			return nil, false
		}
		if root == nil {
			root = nodes.new(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: lineNo, Column: 1})
		}
		key := nodes.new(yaml.Node{Kind: yaml.ScalarNode, Value: string(line[:k]), Line: lineNo, Column: 1})
		value := bytes.Trim(line[k+1:], " ")
		var val *yaml.Node
		switch {
		case len(value) > 0 && value[0] == '[':
			if val, ok = yamlFlowList(&nodes, value, lineNo); !ok {
				return nil, false
			}
		case len(value) > 0:
			if val, ok = yamlScalar(&nodes, value, lineNo, false); !ok {
				return nil, false
			}
		default:
			// Nothing after the colon: "- item" lines, or no value.
			if val, ok = yamlBlockList(&nodes, raw, &off, &lines); !ok {
				return nil, false
			}
			if val == nil {
				val = nodes.new(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: lineNo, Column: k + 2})
			}
		}
		root.Content = append(root.Content, key, val)
	}
	if root == nil {
		return nil, true // empty or only comments
	}
	return []*yaml.Node{root}, true
}

// yamlNextLine returns the line at *off (without its newline) and its
// number, and moves *off past it.
func yamlNextLine(raw []byte, off, lines *int) ([]byte, int) {
	line := raw[*off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
		*off += i + 1
	} else {
		*off = len(raw)
	}
	*lines++
	return line, *lines
}

// yamlSkipLine reports whether a line is blank or a comment starting in
// the first column.
func yamlSkipLine(line []byte) bool {
	return len(bytes.TrimLeft(line, " ")) == 0 || line[0] == '#'
}

// yamlBlockList reads the "- item" lines that follow a key with nothing
// after its colon; nil when the next line is not one.
func yamlBlockList(nodes *yamlNodes, raw []byte, off, lines *int) (*yaml.Node, bool) {
	var list *yaml.Node
	indent := -1
	for *off < len(raw) {
		save, saveLines := *off, *lines
		line, lineNo := yamlNextLine(raw, off, lines)
		if yamlSkipLine(line) {
			continue
		}
		n := len(line) - len(bytes.TrimLeft(line, " "))
		if n == 0 && line[0] != '-' {
			// The next key: the list ended, or there was none.
			*off, *lines = save, saveLines
			return list, true
		}
		if indent >= 0 && n != indent || line[n] != '-' || n+1 < len(line) && line[n+1] != ' ' {
			return nil, false
		}
		if list == nil {
			indent = n
			list = nodes.new(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: lineNo, Column: n + 1})
		}
		var item *yaml.Node
		if value := bytes.Trim(line[n+1:], " "); len(value) > 0 {
			var ok bool
			if item, ok = yamlScalar(nodes, value, lineNo, false); !ok {
				return nil, false
			}
		} else {
			item = nodes.new(yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: lineNo, Column: n + 2})
		}
		list.Content = append(list.Content, item)
	}
	return list, true
}

// yamlFlowList reads "[a, b]" on one line.
func yamlFlowList(nodes *yamlNodes, value []byte, lineNo int) (*yaml.Node, bool) {
	if value[len(value)-1] != ']' {
		return nil, false
	}
	list := nodes.new(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle, Line: lineNo})
	inner := value[1 : len(value)-1]
	if len(inner) == 0 {
		return list, true
	}
	for item := range bytes.SplitSeq(inner, []byte(",")) {
		item = bytes.Trim(item, " ")
		if len(item) == 0 {
			return nil, false
		}
		n, ok := yamlScalar(nodes, item, lineNo, true)
		if !ok {
			return nil, false
		}
		list.Content = append(list.Content, n)
	}
	return list, true
}

// yamlScalar reads a one-line scalar: quoted without escapes, or plain
// without anything that could make it something else (an indicator first,
// ": " or " #" inside, and in a flow list, flow indicators and colons).
func yamlScalar(nodes *yamlNodes, value []byte, lineNo int, flow bool) (*yaml.Node, bool) {
	n := yaml.Node{Kind: yaml.ScalarNode, Line: lineNo}
	switch q := value[0]; q {
	case '"', '\'':
		if len(value) < 2 || value[len(value)-1] != q || bytes.IndexByte(value[1:len(value)-1], q) >= 0 ||
			q == '"' && bytes.IndexByte(value, '\\') >= 0 {
			return nil, false
		}
		n.Value, n.Tag = string(value[1:len(value)-1]), "!!str"
		n.Style = yaml.DoubleQuotedStyle
		if q == '\'' {
			n.Style = yaml.SingleQuotedStyle
		}
		return nodes.new(n), true
	case '-':
		if len(value) == 1 || value[1] == ' ' {
			return nil, false
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil, false
	}
	if bytes.Contains(value, []byte(": ")) || bytes.Contains(value, []byte(" #")) || value[len(value)-1] == ':' ||
		flow && bytes.ContainsAny(value, ":[]{}") {
		return nil, false
	}
	n.Value = string(value)
	// The tag yaml.v3 resolves, but without trying the date formats on
	// what starts like a date: as text or as a timestamp, decodeYAML
	// reads it the same way (yamlValue).
	if len(value) > 4 && value[4] == '-' && isASCIIDigit(value[0]) && isASCIIDigit(value[1]) &&
		isASCIIDigit(value[2]) && isASCIIDigit(value[3]) {
		n.Tag = "!!str"
	} else {
		n.Tag = n.ShortTag()
	}
	return nodes.new(n), true
}

// yamlNodes hands out simpleYAML's nodes from a few allocations.
type yamlNodes []yaml.Node

func (p *yamlNodes) new(n yaml.Node) *yaml.Node {
	if len(*p) == cap(*p) {
		*p = make([]yaml.Node, 0, max(8, cap(*p))) // earlier nodes stay where they are
	}
	*p = append(*p, n)
	return &(*p)[len(*p)-1]
}

// yamlSimpleText reports whether raw has none of what simpleYAML leaves to
// yaml.v3: tabs, carriage returns, characters YAML does not allow
// unescaped, and line breaks other than "\n".
func yamlSimpleText(raw []byte) bool {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 || r == 0x2028 || r == 0x2029 ||
			r >= 0xd800 && r < 0xe000 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// yamlValue converts a node; top is false for list items, whose own lists and
// maps are only described (which also stops alias cycles).
func yamlValue(n *yaml.Node, top bool) any {
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil
		}
		n = n.Alias
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int", "!!float":
			return number(n.Value)
		}
		return n.Value
	case yaml.SequenceNode:
		if !top {
			return compound("a list")
		}
		list := make([]any, len(n.Content))
		for i, c := range n.Content {
			list[i] = yamlValue(c, false)
		}
		return list
	case yaml.MappingNode:
		if !top {
			return compound("a mapping")
		}
		m := mapping{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[strings.ToLower(n.Content[i].Value)] = yamlValue(n.Content[i+1], false)
		}
		return m
	}
	return nil
}

func (fm *frontMatter) decodeTOML(path string) (fields, error) {
	m, ok := simpleTOML(fm.raw)
	if ok {
		return fm.fromMap(m, tomlKeyLine), nil
	}
	if _, err := toml.Decode(string(fm.raw), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fm.syntaxError(path, pe.Position.Line, pe.Message)
		}
		return nil, fm.syntaxError(path, 0, err.Error())
	}
	return fm.fromMap(m, tomlKeyLine), nil
}

// simpleTOML reads the TOML front matter most files have, much faster
// than BurntSushi/toml: "key = value" lines and [table] headers with bare
// names, whose values are strings without escapes, integers, booleans,
// dates and times, and one-line arrays of strings, integers and booleans.
// It returns what toml.Decode would put into a map (decode_test.go checks
// that), and ok false for anything else, which toml.Decode then reads and
// reports errors in.
func simpleTOML(raw []byte) (map[string]any, bool) {
	if !utf8.Valid(raw) {
		return nil, false
	}
	for _, c := range raw {
		if c < ' ' && c != '\n' || c == 0x7f {
			return nil, false // tabs, carriage returns and what TOML forbids
		}
	}
	top := map[string]any{}
	table := top
	for line := range bytes.SplitSeq(raw, []byte("\n")) {
		line = bytes.Trim(line, " ")
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			name, ok := bytes.CutSuffix(line[1:], []byte("]"))
			if !ok || !tomlBareKey(name) {
				return nil, false // [[array]], [a.b], "quoted", [ spaced ]
			}
			if _, defined := top[string(name)]; defined {
				return nil, false
			}
			table = map[string]any{}
			top[string(name)] = table
			continue
		}
		key, value, ok := bytes.Cut(line, []byte("="))
		key, value = bytes.TrimRight(key, " "), bytes.TrimLeft(value, " ")
		if !ok || !tomlBareKey(key) {
			return nil, false
		}
		if _, defined := table[string(key)]; defined {
			return nil, false
		}
		v, ok := tomlValue(value, true)
		if !ok {
			return nil, false
		}
		table[string(key)] = v
	}
	return top, true
}

func tomlBareKey(b []byte) bool {
	for _, c := range b {
		if !isASCIILetter(c) && !isASCIIDigit(c) && c != '_' && c != '-' {
			return false
		}
	}
	return len(b) > 0
}

// tomlValue reads a value of simpleTOML's; arrays and dates only when top.
func tomlValue(v []byte, top bool) (any, bool) {
	if len(v) == 0 {
		return nil, false
	}
	switch v[0] {
	case '"', '\'':
		q := v[0]
		if len(v) < 2 || v[len(v)-1] != q || bytes.HasPrefix(v, []byte{q, q, q}) ||
			bytes.IndexByte(v[1:len(v)-1], q) >= 0 || q == '"' && bytes.IndexByte(v, '\\') >= 0 {
			return nil, false
		}
		return string(v[1 : len(v)-1]), true
	case '[':
		inner, ok := bytes.CutSuffix(v[1:], []byte("]"))
		if !top || !ok {
			return nil, false
		}
		list := make([]any, 0, 2)
		if len(bytes.Trim(inner, " ")) == 0 {
			return list, true
		}
		items := bytes.Split(inner, []byte(","))
		if last := items[len(items)-1]; len(bytes.Trim(last, " ")) == 0 {
			items = items[:len(items)-1] // a trailing comma
		}
		for _, item := range items {
			x, ok := tomlValue(bytes.Trim(item, " "), false)
			if !ok {
				return nil, false
			}
			list = append(list, x)
		}
		return list, true
	}
	switch s := string(v); {
	case s == "true":
		return true, true
	case s == "false":
		return false, true
	case tomlInteger(v):
		n, err := strconv.ParseInt(s, 10, 64)
		return n, err == nil
	case top:
		return tomlDatetime(s)
	}
	return nil, false
}

// tomlInteger reports whether v is a decimal integer without underscores.
func tomlInteger(v []byte) bool {
	if len(v) > 1 && (v[0] == '+' || v[0] == '-') {
		v = v[1:]
	}
	if len(v) == 0 || v[0] == '0' && len(v) > 1 {
		return false
	}
	for _, c := range v {
		if !isASCIIDigit(c) {
			return false
		}
	}
	return true
}

// Zones of BurntSushi/toml's local dates and times (its internal/tz.go);
// tomlDate tells them apart by name.
var (
	tomlLocalOffset   = func() int { _, o := time.Now().Zone(); return o }()
	tomlLocalDatetime = time.FixedZone("datetime-local", tomlLocalOffset)
	tomlLocalDate     = time.FixedZone("date-local", tomlLocalOffset)
)

// tomlDatetime reads 1979-05-27, 1979-05-27T07:32:00, with fractional
// seconds, a "Z" or an offset, "t" or a space for the "T", the way
// BurntSushi/toml does (its parser.valueDatetime).
func tomlDatetime(s string) (any, bool) {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if !isASCIIDigit(s[i]) {
				return false
			}
		}
		return true
	}
	if len(s) < 10 || !digits(s[0:4]) || s[4] != '-' || !digits(s[5:7]) || s[7] != '-' || !digits(s[8:10]) {
		return nil, false
	}
	if len(s) > 10 {
		t := s[10:]
		if len(t) < 9 || !strings.ContainsRune("Tt ", rune(t[0])) || !digits(t[1:3]) || t[3] != ':' || !digits(t[4:6]) ||
			t[6] != ':' || !digits(t[7:9]) {
			return nil, false
		}
		t = t[9:]
		if frac, ok := strings.CutPrefix(t, "."); ok {
			n := 0
			for n < len(frac) && isASCIIDigit(frac[n]) {
				n++
			}
			if n == 0 {
				return nil, false
			}
			t = frac[n:]
		}
		switch {
		case t == "", t == "Z", t == "z":
		case len(t) == 6 && (t[0] == '+' || t[0] == '-') && digits(t[1:3]) && t[3] == ':' && digits(t[4:6]):
		default:
			return nil, false
		}
	}
	b := []byte(s)
	for i, c := range b {
		switch c {
		case 'z':
			b[i] = 'Z'
		case 't', ' ':
			b[i] = 'T'
		}
	}
	s = string(b)
	for _, dt := range []struct {
		layout string
		zone   *time.Location
	}{
		{time.RFC3339Nano, time.Local},
		{"2006-01-02T15:04:05.999999999", tomlLocalDatetime},
		{"2006-01-02", tomlLocalDate},
	} {
		if t, err := time.ParseInLocation(dt.layout, s, dt.zone); err == nil {
			return t, true
		}
	}
	return nil, false
}

func (fm *frontMatter) decodeJSON(path string) (fields, error) {
	dec := json.NewDecoder(bytes.NewReader(fm.raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fm.syntaxError(path, lineAt(fm.raw, int(se.Offset)), err.Error())
		case errors.As(err, &te):
			return nil, fm.syntaxError(path, lineAt(fm.raw, int(te.Offset)), "front matter must be an object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fm.syntaxError(path, lineAt(fm.raw, len(fm.raw)), "unexpected end of the object")
		}
		return nil, fm.syntaxError(path, 0, err.Error())
	}
	if off := int(dec.InputOffset()); len(bytes.TrimSpace(fm.raw[off:])) > 0 {
		return nil, fm.syntaxError(path, lineAt(fm.raw, off+1), "unexpected text after the object")
	}
	return fm.fromMap(m, jsonKeyLine), nil
}

// fromMap turns a decoded TOML or JSON object into fields. Keys are visited
// in sorted order so the choice between Title and TITLE is stable.
func (fm *frontMatter) fromMap(m map[string]any, keyLine func(lines []string, key string) int) fields {
	f := fields{}
	lines := strings.Split(string(fm.raw), "\n")
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		f.add(entry{key: k, line: fm.fileLine(keyLine(lines, k)), val: normalize(m[k], true)})
	}
	return f
}

// normalize converts a TOML or JSON value to the shapes described above.
func normalize(v any, top bool) any {
	switch v := v.(type) {
	case nil, string, bool, time.Time:
		return v
	case int64:
		return number(strconv.FormatInt(v, 10))
	case float64:
		return number(strconv.FormatFloat(v, 'g', -1, 64))
	case json.Number:
		return number(v)
	case []any:
		if !top {
			return compound("a list")
		}
		list := make([]any, len(v))
		for i, item := range v {
			list[i] = normalize(item, false)
		}
		return list
	case []map[string]any:
		if !top {
			return compound("a list")
		}
		list := make([]any, len(v))
		for i := range v {
			list[i] = compound("a table")
		}
		return list
	case map[string]any:
		if !top {
			return compound("a mapping")
		}
		m := mapping{}
		for k, item := range v {
			m[strings.ToLower(k)] = normalize(item, false)
		}
		return m
	}
	return compound("a mapping")
}

// lineAt returns the 1-based line holding byte offset off of b.
func lineAt(b []byte, off int) int {
	off = min(max(off, 0), len(b))
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// tomlKeyLine finds `key =` before the first [table] header; 0 if absent.
// TOML's decoder does not report key positions, and a scan is good enough
// for pointing at a line.
func tomlKeyLine(lines []string, key string) int {
	forms := []string{key, `"` + key + `"`, `'` + key + `'`}
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			return 0
		}
		for _, k := range forms {
			if rest, ok := strings.CutPrefix(t, k); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i + 1
			}
		}
	}
	return 0
}

// jsonKeyLine finds the first `"key":`; 0 if absent.
func jsonKeyLine(lines []string, key string) int {
	quoted := strconv.Quote(key)
	for i, line := range lines {
		for rest := line; ; {
			j := strings.Index(rest, quoted)
			if j < 0 {
				break
			}
			rest = rest[j+len(quoted):]
			if strings.HasPrefix(strings.TrimSpace(rest), ":") {
				return i + 1
			}
		}
	}
	return 0
}
