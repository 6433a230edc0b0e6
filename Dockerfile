# wpsync in a container: a static binary on a distroless base, running as
# a non-root user.
#
#   docker build -t wpsync .
#   docker run --rm -v "$PWD:/content" -e WPSYNC_URL -e WPSYNC_USER \
#     -e WPSYNC_APP_PASSWORD wpsync sync /content
#
# The folder is mounted at /content; the state file is written to
# /content/.wpsync/, so the mount must be writable by uid 65532 (or run
# with --user "$(id -u):$(id -g)").

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/wpsync ./cmd/wpsync

# distroless/static: CA certificates and /etc/passwd with a nonroot user,
# nothing else (no shell).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/wpsync /usr/local/bin/wpsync
USER nonroot:nonroot
WORKDIR /content
ENTRYPOINT ["/usr/local/bin/wpsync"]
CMD ["--help"]
