package history

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/setupkit/openai-setup/apikey"
	"github.com/setupkit/openai-setup/internal/gitcli"
)

// maxObject is the most of one blob or tag that is scanned; the rest is
// skipped (a key sits in text, not 64 MiB into a binary).
const maxObject = 64 << 20

// scanObjects reads whole the blobs whose diff git hid (binary, "-diff",
// UTF-16) and the annotated tags, and records the keys in them. It returns
// how many commits' hidden blobs were not all read (the scan was cut short).
func scanObjects(ctx context.Context, root string, hidden []hiddenBlob, pos map[string]int, col *collector) (int, error) {
	type place struct {
		commit, path string
		order        int
	}
	where := map[string][]place{}
	var ids []string
	for _, h := range hidden {
		if where[h.blob] == nil {
			ids = append(ids, h.blob)
		}
		where[h.blob] = append(where[h.blob], place{h.commit, h.path, pos[h.commit]})
	}
	read := map[string]bool{}
	unread := func() int {
		cut := map[string]bool{}
		for _, h := range hidden {
			if !read[h.blob] {
				cut[h.commit] = true
			}
		}
		return len(cut)
	}
	tags, err := gitcli.Output(ctx, root, nil, "for-each-ref", "--format=%(objecttype) %(objectname) %(refname:short)", "refs/tags")
	if err != nil {
		return unread(), err
	}
	for _, line := range strings.Split(string(tags), "\n") {
		typ, rest, _ := strings.Cut(line, " ")
		id, name, _ := strings.Cut(rest, " ")
		if typ == "tag" && where[id] == nil {
			ids = append(ids, id)
			where[id] = []place{{id, "(tag " + name + " message)", -1}}
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	st, err := gitcli.Start(ctx, root, strings.NewReader(strings.Join(ids, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return unread(), err
	}
	readErr := readBatch(st.Stdout, func(id string, data []byte) {
		eachKey(decodeText(data), func(key string, line int) {
			for _, pl := range where[id] {
				col.add(key, occurrence{commit: pl.commit, path: pl.path, line: line, order: pl.order})
			}
		})
		read[id] = true
	})
	if readErr != nil {
		st.Stop()
		_, _ = io.Copy(io.Discard, st.Stdout)
	}
	if err := st.Wait(); err != nil {
		return unread(), err
	}
	return unread(), readErr
}

// readBatch reads `git cat-file --batch` output: "<id> <type> <size>\n",
// the content and "\n" per object; "<id> missing\n" for none.
func readBatch(r io.Reader, object func(id string, data []byte)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		header, err := br.ReadString('\n')
		if err == io.EOF && header == "" {
			return nil
		}
		if err != nil {
			return err
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			continue // "<id> missing"
		}
		size, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			return fmt.Errorf("git cat-file: bad header %q", strings.TrimSpace(header))
		}
		keep := min(size, maxObject)
		data := make([]byte, keep)
		if _, err := io.ReadFull(br, data); err != nil {
			return err
		}
		if _, err := io.CopyN(io.Discard, br, size-keep+1); err != nil { // the rest and the "\n"
			return err
		}
		object(f[0], data)
	}
}

// decodeText turns a file's bytes into text to search: UTF-16 with a
// byte-order mark (what PowerShell's ">" writes) is decoded, a UTF-8 mark
// dropped, anything else searched as it is.
func decodeText(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return utf16String(b[2:], false)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return utf16String(b[2:], true)
	}
	return string(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}))
}

func utf16String(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// eachKey calls fn for every key in text with its 1-based line.
func eachKey(text string, fn func(key string, line int)) {
	if !strings.Contains(text, "sk-") {
		return
	}
	n := 0
	for line := range strings.Lines(text) {
		n++
		if strings.Contains(line, "sk-") {
			for _, k := range apikey.FindAll(line) {
				fn(k, n)
			}
		}
	}
}
