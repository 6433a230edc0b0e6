package e2e

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	gosync "sync"
	"testing"
	"time"
)

// faultProxy stands between wpsync and the real WordPress and breaks things
// on purpose, with a seeded random source so a failing run can be repeated:
//   - reset: forward the request, let WordPress do the work, then reset the
//     client's connection before it hears the answer;
//   - 5xx: answer 500, 502 or 503 without forwarding;
//   - 429: answer Too Many Requests with Retry-After, without forwarding;
//   - stall: forward, then hold the answer past the client's time-out.
type faultProxy struct {
	target *url.URL
	srv    *httptest.Server

	mu     gosync.Mutex
	rng    *rand.Rand
	rate   float64 // share of requests that meet a fault
	stall  time.Duration
	counts map[string]int
}

func newFaultProxy(t *testing.T, target string, seed uint64, rate float64, stall time.Duration) *faultProxy {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{target: u, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), rate: rate, stall: stall, counts: map[string]int{}}
	p.srv = httptest.NewServer(p)
	t.Cleanup(p.srv.Close)
	return p
}

// URL is the proxy's address; WordPress links still name the real site.
func (p *faultProxy) URL() string { return p.srv.URL }

func (p *faultProxy) pick() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.rng.Float64() >= p.rate {
		p.counts["ok"]++
		return "ok"
	}
	faults := []string{"reset", "reset", "5xx", "5xx", "429", "stall"}
	f := faults[p.rng.IntN(len(faults))]
	p.counts[f]++
	return f
}

func (p *faultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch fault := p.pick(); fault {
	case "5xx":
		codes := []int{500, 502, 503}
		p.mu.Lock()
		code := codes[p.rng.IntN(3)]
		p.mu.Unlock()
		http.Error(w, "injected fault", code)
	case "429":
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	default:
		status, header, body, err := p.forward(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		switch fault {
		case "reset":
			// The work is done; the client never hears of it.
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					if tc, ok := conn.(*net.TCPConn); ok {
						tc.SetLinger(0) // RST, not FIN
					}
					conn.Close()
					return
				}
			}
		case "stall":
			time.Sleep(p.stall)
		}
		for k, vs := range header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(status)
		w.Write(body)
	}
}

func (p *faultProxy) forward(r *http.Request) (int, http.Header, []byte, error) {
	body, _ := io.ReadAll(r.Body)
	u := *p.target
	u.Path = r.URL.Path
	u.RawQuery = r.URL.RawQuery
	req, err := http.NewRequest(r.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header = r.Header.Clone()
	req.Host = p.target.Host // WordPress answers for its own host name only
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	// Discovery links point at the site; point them at the proxy.
	h := resp.Header.Clone()
	if l := h.Get("Link"); l != "" {
		h.Set("Link", strings.ReplaceAll(l, p.target.String(), "http://"+r.Host))
	}
	h.Del("Content-Length")
	return resp.StatusCode, h, data, err
}

func (p *faultProxy) summary() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[string]int{}
	for k, v := range p.counts {
		out[k] = v
	}
	return out
}
