package wordpress

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	wpsync "github.com/wpsync/wpsync/sync"
)

// PostSchema implements sync's schemaReader: the meta keys the post type
// typ registers for the REST API, from its schema (OPTIONS /wp/v2/TYPE,
// which WordPress answers for any role), each with its JSON type.
func (c *Client) PostSchema(ctx context.Context, typ string) (*wpsync.PostSchema, error) {
	var got json.RawMessage
	if _, err := c.call(ctx, http.MethodOptions, "/wp/v2/"+typ, nil, nil, &got); err != nil {
		return nil, err
	}
	return &wpsync.PostSchema{Meta: schemaMeta(got)}, nil
}

// schemaMeta reads the meta keys and their types out of a route's OPTIONS
// answer; none when it has none.
func schemaMeta(data []byte) map[string]string {
	var got struct {
		Schema struct {
			Properties struct {
				Meta struct {
					// An object, or [] when nothing is registered (an
					// empty PHP array).
					Properties json.RawMessage `json:"properties"`
				} `json:"meta"`
			} `json:"properties"`
		} `json:"schema"`
	}
	_ = json.Unmarshal(data, &got)
	var props map[string]struct {
		Type json.RawMessage `json:"type"`
	}
	_ = json.Unmarshal(got.Schema.Properties.Meta.Properties, &props) // [] is none
	meta := map[string]string{}
	for k, p := range props {
		meta[k] = schemaType(p.Type)
	}
	return meta
}

// schemaType is a schema's type: "string", or the first of a list but
// "null" (["string", "null"]); "" when it says none.
func schemaType(raw json.RawMessage) string {
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return one
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		for _, t := range many {
			if t != "null" {
				return t
			}
		}
	}
	return ""
}

// Namespaces implements sync's schemaReader: the namespaces the REST
// index lists (signed in: a site may show the index to users only).
func (c *Client) Namespaces(ctx context.Context) ([]string, error) {
	var got struct {
		Namespaces []string `json:"namespaces"`
	}
	if _, err := c.call(ctx, http.MethodGet, "/", url.Values{"_fields": {"namespaces"}}, nil, &got); err != nil {
		return nil, err
	}
	return got.Namespaces, nil
}
