package wordpress

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	wpsync "github.com/wpsync/wpsync/sync"
)

// Shortened limits for these tests: the answer must start within
// testHeaderTimeout of the request being sent, and a call that is not a
// transfer must be over within testCallTimeout.
// A transfer that moves no byte for testIdleTimeout ends.
const (
	testHeaderTimeout = 300 * time.Millisecond
	testCallTimeout   = 500 * time.Millisecond
	testIdleTimeout   = 400 * time.Millisecond
)

// limitedClient is a client of srv with the shortened limits, its REST
// root set as Discover would find it.
func limitedClient(t *testing.T, srv *httptest.Server) *Client {
	t.Helper()
	c, err := New(srv.URL, "admin", testPassword, NewHTTPClient(nil, testHeaderTimeout))
	if err != nil {
		t.Fatal(err)
	}
	c.CallTimeout = testCallTimeout
	c.IdleTimeout = testIdleTimeout
	if err := c.setRoot(srv.URL + "/wp-json/"); err != nil {
		t.Fatal(err)
	}
	noSleep(c)
	return c
}

// trickle is a file that takes about d to read, in n pieces: an upload
// on a slow line, which the transport can send only as fast as it goes.
func trickle(n int, d time.Duration) *wpsync.MediaFile {
	piece := strings.Repeat("x", 4096)
	return &wpsync.MediaFile{
		Name: "big.png", MIME: "image/png", Size: int64(n * len(piece)),
		Open: func() (io.ReadCloser, error) {
			return io.NopCloser(&slowReader{piece: piece, left: n, wait: d / time.Duration(n)}), nil
		},
	}
}

type slowReader struct {
	piece string
	left  int
	wait  time.Duration
}

func (r *slowReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	time.Sleep(r.wait)
	r.left--
	return copy(p, r.piece), nil
}

// TestClient_Upload_SlowUploadCompletes: an upload that takes three times
// the call time-out, five times the wait for an answer and nearly four
// times the idle time-out still completes: it keeps moving, and only the
// caller's context bounds a transfer that does.
func TestClient_Upload_SlowUploadCompletes(t *testing.T) {
	f := trickle(15, 1500*time.Millisecond)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		if n != f.Size {
			http.Error(w, `{"code":"short","message":"body cut short"}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":5,"source_url":"http://wp.test/wp-content/uploads/big.png"}`)
	}))
	defer srv.Close()
	c := limitedClient(t, srv)

	start := time.Now()
	m, err := c.Upload(context.Background(), f)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("Upload after %s: %v", took, err)
	}
	if m.ID != 5 {
		t.Errorf("Upload = %+v, want ID 5", m)
	}
	if took < 1200*time.Millisecond {
		t.Errorf("Upload took %s: the file did not trickle, the test proves nothing", took)
	}
}

// TestClient_Upload_NoAnswer: a site that takes the file and never
// answers fails the upload soon after the header time-out, once (a create
// is not sent twice), with an error that says no answer came.
func TestClient_Upload_NoAnswer(t *testing.T) {
	var requests atomic.Int32
	srv := stuckSite(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost { // the question whether wpsync makes the sizes (sideload.go)
			return false
		}
		requests.Add(1)
		_, _ = io.Copy(io.Discard, r.Body)
		return true
	})
	c := limitedClient(t, srv)

	start := time.Now()
	_, err := c.Upload(context.Background(), trickle(2, 0))
	took := time.Since(start)
	var na *NoAnswerError
	if !errors.As(err, &na) || !strings.Contains(err.Error(), "POST /wp/v2/media: no answer in time") {
		t.Fatalf("Upload error %v; want a *NoAnswerError naming the request", err)
	}
	if took < testHeaderTimeout || took > 2*time.Second {
		t.Errorf("Upload failed after %s; want about %s", took, testHeaderTimeout)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests; an upload is not sent again after a lost answer", n)
	}
}

// TestClient_CallTimeout: a call that is not a transfer is bounded by
// CallTimeout even when the answer starts in time and then stalls.
func TestClient_CallTimeout(t *testing.T) {
	srv := stuckSite(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, "[")
		w.(http.Flusher).Flush()
		return true
	})
	c := limitedClient(t, srv)

	start := time.Now()
	_, err := c.FindMedia(context.Background(), "x")
	took := time.Since(start)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "gave up after 500ms, the limit of one call with its retries") {
		t.Fatalf("FindMedia error %v; want the call's deadline, named", err)
	}
	if took < testCallTimeout || took > 2*time.Second {
		t.Errorf("FindMedia failed after %s; want about %s", took, testCallTimeout)
	}
}

// TestClient_HeaderTimeoutRetried: a read whose answer does not start in
// time is tried again (it is safe to), and the second try's answer counts.
func TestClient_HeaderTimeoutRetried(t *testing.T) {
	var requests atomic.Int32
	srv := stuckSite(t, func(w http.ResponseWriter, r *http.Request) bool {
		if requests.Add(1) == 1 {
			return true // the first try is stuck
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[{"id":5,"source_url":"http://wp.test/x.png"}]`)
		return false
	})
	c := limitedClient(t, srv)

	m, err := c.FindMedia(context.Background(), "x")
	if err != nil || m == nil || m.ID != 5 {
		t.Fatalf("FindMedia = %+v, %v; want item 5 from the second try", m, err)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// TestClient_Upload_StalledUploadEnds: a site that stops reading an upload
// half-way ends it after the idle time-out, with an error that says so,
// instead of holding the run (or a watch service) for ever.
func TestClient_Upload_StalledUploadEnds(t *testing.T) {
	srv := stuckSite(t, func(w http.ResponseWriter, r *http.Request) bool {
		_, _ = io.CopyN(io.Discard, r.Body, 1<<20) // then reads no more
		return true
	})
	c := limitedClient(t, srv)

	const size = 256 << 20 // far more than the socket buffers hold
	f := &wpsync.MediaFile{Name: "huge.png", MIME: "image/png", Size: size,
		Open: func() (io.ReadCloser, error) { return io.NopCloser(io.LimitReader(zeros{}, size)), nil }}
	start := time.Now()
	_, err := c.Upload(context.Background(), f)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "POST /wp/v2/media: no answer in time: the transfer stalled: no byte moved for 400ms") {
		t.Fatalf("Upload error %v; want the stall named", err)
	}
	if took < testIdleTimeout || took > 5*time.Second {
		t.Errorf("Upload failed after %s; want soon after %s", took, testIdleTimeout)
	}
}

// TestClient_Download_StalledDownloadEnds: a download whose body stops
// coming ends after the idle time-out.
func TestClient_Download_StalledDownloadEnds(t *testing.T) {
	srv := stuckSite(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Length", "1000000")
		_, _ = io.WriteString(w, "first bytes")
		w.(http.Flusher).Flush()
		return true
	})
	c := limitedClient(t, srv)

	var buf bytes.Buffer
	start := time.Now()
	err := c.Download(context.Background(), srv.URL+"/wp-content/uploads/x.png", &buf)
	took := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "the transfer stalled: no byte moved for 400ms") {
		t.Fatalf("Download error %v; want the stall named", err)
	}
	if took < testIdleTimeout || took > 5*time.Second {
		t.Errorf("Download failed after %s; want soon after %s", took, testIdleTimeout)
	}
	if buf.String() != "first bytes" {
		t.Errorf("downloaded %q before the stall", buf.String())
	}
}

// stuckSite is a test server whose handler runs serve and, when that
// says so, then hangs until the client gives up or the test ends: a site
// that stops half-way.
func stuckSite(t *testing.T, serve func(w http.ResponseWriter, r *http.Request) (hang bool)) *httptest.Server {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if serve(w, r) {
			select {
			case <-r.Context().Done():
			case <-done:
			}
		}
	}))
	t.Cleanup(func() {
		close(done)
		srv.Close()
	})
	return srv
}

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
