package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// Eleventy's JavaScript data files (https://www.11ty.dev/docs/data-js/):
// blog/blog.11tydata.js and post.11tydata.js export the data object
// (module.exports = {…}, export default {…}) or a function that returns
// it. wpsync runs such a file in goja, a JavaScript engine in pure Go
// with no file system, network or process, bounded in time; a file that
// requires or imports modules (Node's or the site's) is not run, as its
// values come from code wpsync does not have. A key whose value is a
// function (permalink: (data) => …, eleventyComputed) is code run at
// build time: not read, and said.

// jsModuleUse is a require() or an import of a module.
var jsModuleUse = regexp.MustCompile(`\brequire\s*\(|(?m)^\s*import\b|\bimport\s*\(`)

// jsExportDefault is an ES module's default export.
var jsExportDefault = regexp.MustCompile(`(?m)^(\s*)export\s+default\s+`)

// jsDataTimeout bounds a data file's run.
const jsDataTimeout = time.Second

// readJSData runs the JavaScript data file src (named name, for
// messages) and returns its data, and the keys it could not read (their
// values are functions). err says why no data was read at all.
func readJSData(name, src string) (data map[string]any, unread []string, err error) {
	if loc := jsModuleUse.FindStringIndex(src); loc != nil {
		line := 1 + strings.Count(src[:loc[0]], "\n")
		return nil, nil, fmt.Errorf("line %d requires or imports a module, which wpsync does not run", line)
	}
	src = jsExportDefault.ReplaceAllString(src, "${1}module.exports = ")
	vm := goja.New()
	timer := time.AfterFunc(jsDataTimeout, func() { vm.Interrupt("it ran longer than a second") })
	defer timer.Stop()
	module := vm.NewObject()
	exports := vm.NewObject()
	if err := module.Set("exports", exports); err != nil {
		return nil, nil, err
	}
	_ = vm.Set("module", module)
	_ = vm.Set("exports", exports)
	if _, err := vm.RunScript(name, src); err != nil {
		return nil, nil, jsError(err)
	}
	v := module.Get("exports")
	if fn, ok := goja.AssertFunction(v); ok {
		// A function returning the data (Eleventy calls it with the
		// configuration's API, which data files rarely use).
		if v, err = fn(goja.Undefined()); err != nil {
			return nil, nil, jsError(err)
		}
	}
	if p, ok := v.Export().(*goja.Promise); ok {
		if p.State() != goja.PromiseStateFulfilled {
			return nil, nil, fmt.Errorf("its exported function's promise does not resolve without Node")
		}
		v = p.Result()
	}
	obj, ok := v.(*goja.Object)
	if !ok || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, nil, fmt.Errorf("it exports no object")
	}
	data = map[string]any{}
	for _, k := range obj.Keys() {
		val := obj.Get(k)
		if val == nil {
			continue
		}
		if _, fn := goja.AssertFunction(val); fn || hasFunction(val, 0) {
			unread = append(unread, k)
			continue
		}
		raw, err := json.Marshal(val.Export())
		if err != nil {
			unread = append(unread, k)
			continue
		}
		var x any
		if json.Unmarshal(raw, &x) != nil {
			unread = append(unread, k)
			continue
		}
		data[k] = x
	}
	slices.Sort(unread)
	return data, unread, nil
}

// hasFunction reports whether an object or array value holds a function.
func hasFunction(v goja.Value, depth int) bool {
	obj, ok := v.(*goja.Object)
	if !ok || depth > 8 {
		return false
	}
	for _, k := range obj.Keys() {
		x := obj.Get(k)
		if _, fn := goja.AssertFunction(x); fn || hasFunction(x, depth+1) {
			return true
		}
	}
	return false
}

// jsError is a JavaScript error without goja's stack.
func jsError(err error) error {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return fmt.Errorf("it fails: %s", ex.Value().String())
	}
	var in *goja.InterruptedError
	if errors.As(err, &in) {
		return fmt.Errorf("%v", in.Value())
	}
	return err
}
