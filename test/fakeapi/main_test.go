package main

import (
	"net"
	"strings"
	"testing"
)

func TestCheckAddrSaysThePortIsInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	addr := l.Addr().String()
	port := addr[strings.LastIndex(addr, ":")+1:]
	err = checkAddr(addr)
	if err == nil || err.Error() != "port "+port+" is in use; leave out -addr for a free one" {
		t.Errorf("checkAddr(busy) = %v", err)
	}
	if err := checkAddr("127.0.0.1:0"); err != nil {
		t.Errorf("checkAddr(free) = %v", err)
	}
}
