package config

import (
	"os"
	"regexp"
	"strings"
)

// Setting is one resolved setting and where it came from.
type Setting struct {
	Value string
	// From names the source: "--url", "WPSYNC_URL", "wpsync.yaml", …; ""
	// when the setting is given nowhere.
	From string
}

// Origins tells, by the rules of Resolve, where the URL, the user and the
// password come from, without reading the password file or checking
// anything: `wpsync doctor` shows it, so that a forgotten environment
// variable overriding wpsync.yaml is easy to spot. The password's Value is
// always empty.
func Origins(f *File, src Sources) (url, user, password Setting) {
	getenv := src.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	url = pick(
		Setting{src.FlagURL, "--url"},
		Setting{getenv(EnvURL), EnvURL},
		Setting{f.URL, FileName},
	)
	user = pick(
		Setting{src.FlagUser, "--user"},
		Setting{getenv(EnvUser), EnvUser},
		Setting{f.User, FileName},
	)
	switch {
	case src.PasswordFile != "":
		password.From = "--password-file " + src.PasswordFile
	case strings.TrimSpace(getenv(EnvPassword)) != "":
		password.From = EnvPassword
	case src.Saved != nil && url.Value != "":
		if saved, inKeyring, ok, _ := src.Saved.Load(url.Value, nil); ok && (user.Value == "" || user.Value == saved.User) {
			password.From = "wpsync login (" + src.Saved.Where(inKeyring) + ")"
			if user.Value == "" {
				user = Setting{Value: saved.User, From: "wpsync login"}
			}
		}
	}
	return url, user, password
}

func pick(candidates ...Setting) Setting {
	for _, c := range candidates {
		if v := strings.TrimSpace(c.Value); v != "" {
			return Setting{Value: v, From: c.From}
		}
	}
	return Setting{}
}

// unknownKeyRE matches yaml.v3's words for a key that File lacks.
var unknownKeyRE = regexp.MustCompile(`field (\S+) not found in type \S+`)

// yamlMessage turns a yaml.v3 error into one line for a user: "line 3:
// unknown key "urll"" rather than "yaml: unmarshal errors:\n  line 3: field
// urll not found in type config.File".
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	msg = unknownKeyRE.ReplaceAllString(msg, `unknown key "$1"`)
	lines := strings.Split(msg, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, "; ")
}
