package wordpress

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// Retry policy. WordPress on shared hosting answers 429 or 503 under load and
// recovers within seconds; a few tries spread over half a minute ride that
// out without hiding a real outage for long.
const (
	maxTries      = 5
	baseBackoff   = 500 * time.Millisecond // first wait; doubles each try
	maxBackoff    = 8 * time.Second        // cap, so waits stay short
	maxRetryAfter = 60 * time.Second       // longest Retry-After we honour
)

type idempotentKey struct{}

// Idempotent marks a request as safe to send twice (a GET, an update that
// sets the same fields again). A create is not: replaying one after a lost
// answer would make a duplicate, so the caller looks the slug up instead.
func Idempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

func isIdempotent(req *http.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	v, _ := req.Context().Value(idempotentKey{}).(bool)
	return v
}

type oneTryKey struct{}

// oneTry marks a request as a question asked once: the transport does not
// try it again, whatever the answer (a probe of an address that may well
// not answer at all).
func oneTry(ctx context.Context) context.Context {
	return context.WithValue(ctx, oneTryKey{}, true)
}

// RetryTransport retries what is safe to retry: a 429 always (the server
// says it did nothing), honouring Retry-After; connection errors and 5xx
// answers only for idempotent requests. Waits are jittered and capped. A
// request marked oneTry is sent once.
type RetryTransport struct {
	Base http.RoundTripper
	// Sleep waits between tries; tests replace it. It returns early with the
	// context's error when the context ends.
	Sleep func(ctx context.Context, d time.Duration) error
}

// NewRetryTransport wraps base (nil means http.DefaultTransport).
func NewRetryTransport(base http.RoundTripper) *RetryTransport {
	if base == nil {
		base = http.DefaultTransport
	}
	return &RetryTransport{Base: base, Sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RoundTrip implements http.RoundTripper.
func (t *RetryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if once, _ := req.Context().Value(oneTryKey{}).(bool); once {
		return t.Base.RoundTrip(req)
	}
	idem := isIdempotent(req)
	for try := 1; ; try++ {
		r := req
		if try > 1 {
			// A body can be read once; GetBody makes a fresh copy.
			if req.Body != nil && req.GetBody != nil {
				b, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				r = req.Clone(req.Context())
				r.Body = b
			}
		}
		resp, err := t.Base.RoundTrip(r)
		wait, retry := t.shouldRetry(req.Context(), resp, err, idem, try)
		if !retry || (req.Body != nil && req.GetBody == nil) {
			return resp, err
		}
		if resp != nil {
			// Drain so the connection is reused.
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if serr := t.Sleep(req.Context(), wait); serr != nil {
			if err == nil {
				// A retried answer (429, 5xx): the wait for the next try
				// was cut short, which is all there is to say.
				return nil, serr
			}
			return nil, errors.Join(err, serr)
		}
	}
}

// shouldRetry decides whether try number try is followed by another, and
// after how long.
func (t *RetryTransport) shouldRetry(ctx context.Context, resp *http.Response, err error, idem bool, try int) (time.Duration, bool) {
	if try >= maxTries {
		return 0, false
	}
	if err != nil {
		// The caller's context ending stops the tries; the transport's own
		// time-out for an answer to start (which errors.Is also reports as
		// context.DeadlineExceeded) is a stuck request, tried again when
		// that is safe.
		if ctx.Err() != nil || permanent(err) {
			return 0, false
		}
		return backoff(try), idem
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		if d, ok := retryAfter(resp.Header.Get("Retry-After")); ok {
			return d, true
		}
		return backoff(try), true
	case resp.StatusCode >= 500 && idem:
		if d, ok := retryAfter(resp.Header.Get("Retry-After")); ok {
			return d, true
		}
		return backoff(try), true
	}
	return 0, false
}

// permanent reports whether a connection error will not go away by trying
// again: a certificate that does not verify.
func permanent(err error) bool {
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	return errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci)
}

// backoff is exponential with full jitter, so many clients that failed
// together do not come back together.
func backoff(try int) time.Duration {
	d := baseBackoff << (try - 1)
	if d > maxBackoff || d <= 0 {
		d = maxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date.
func retryAfter(h string) (time.Duration, bool) {
	if h == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.Atoi(h); err == nil {
		d = time.Duration(secs) * time.Second
	} else if at, err := http.ParseTime(h); err == nil {
		d = time.Until(at)
	} else {
		return 0, false
	}
	if d < 0 {
		d = 0
	}
	if d > maxRetryAfter {
		d = maxRetryAfter
	}
	return d, true
}
