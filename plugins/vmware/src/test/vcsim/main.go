// TEST TOOLING, not product code: a vCenter simulator for the Sendense VMware plugin's
// integration tests, built offline from Debian's govmomi 0.24.2 (simulator package).
//
// It starts govmomi's VPX model on a loopback port (TLS), grows each VM's disk to -disk-mb,
// optionally adds QueryChangedDiskAreas (cbt.go) and denies privileges, prints one JSON line
// with the URL, the certificate's SHA-256 thumbprint and the datastore folders, and runs until
// SIGTERM/SIGINT or until its standard input closes (so it dies with the test JVM).
package main

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path"
	"strings"
	"syscall"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to serve on")
	user := flag.String("username", "admin", "the only user name accepted")
	pass := flag.String("password", "secret", "the only password accepted")
	diskMB := flag.Int64("disk-mb", 64, "capacity of each VM disk in MiB")
	vms := flag.Int("vms", 2, "VMs per host and per resource pool")
	extraDisks := flag.Int("extra-disks", 0, "disks to add to every VM besides its first")
	cbt := flag.Bool("cbt", true, "serve QueryChangedDiskAreas (false: stock vcsim 0.24)")
	deny := flag.String("deny-privileges", "", "comma separated privileges HasPrivilegeOnEntity denies")
	failRemove := flag.Bool("fail-remove-snapshot", false, "make every RemoveSnapshot_Task fail")
	flag.Parse()
	if !strings.HasPrefix(*listen, "127.") && !strings.HasPrefix(*listen, "[::1]") {
		log.Fatalf("refusing to listen on %s: loopback only", *listen)
	}

	model := simulator.VPX()
	model.Machine = *vms
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}
	defer model.Remove()
	growDisks(*diskMB << 20)
	addDisks(*extraDisks, *diskMB<<20)
	if *deny != "" {
		denyPrivileges(*model.ServiceContent.AuthorizationManager, strings.Split(*deny, ","))
	}

	model.Service.TLS = new(tls.Config)
	model.Service.Listen = &url.URL{Host: "127.0.0.1:0", User: url.UserPassword(*user, *pass)}
	inner := model.Service.NewServer()
	defer inner.Close()
	sdkURL = inner.URL

	var tracker *changeTracker
	if *cbt {
		tracker = newChangeTracker()
		simulator.Map.AddHandler(tracker)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	front := &http.Server{Handler: &frontHandler{inner.Config.Handler, tracker, *failRemove}, TLSConfig: inner.TLS}
	go func() { _ = front.ServeTLS(ln, "", "") }()

	announce(ln.Addr().String(), inner.TLS.Certificates[0].Certificate[0])
	waitForStop()
	_ = front.Close()
}

// growDisks gives every VM disk the capacity and a sparse -flat file of that size, as a
// thin-provisioned disk on a real datastore has.
func growDisks(capacity int64) {
	for _, e := range simulator.Map.All("VirtualMachine") {
		vm := e.(*simulator.VirtualMachine)
		for _, d := range vm.Config.Hardware.Device {
			if disk, ok := d.(*types.VirtualDisk); ok {
				disk.CapacityInKB = capacity >> 10
				disk.CapacityInBytes = capacity
				file := flatFile(disk.Backing.(types.BaseVirtualDeviceFileBackingInfo).GetVirtualDeviceFileBackingInfo().FileName)
				if err := os.Truncate(file, capacity); err != nil {
					log.Fatal(err)
				}
			}
		}
	}
}

// flatFile maps "[ds] vm/disk1.vmdk" to the local path of its data file, vm/disk1-flat.vmdk.
func flatFile(datastorePath string) string {
	end := strings.Index(datastorePath, "]")
	name := datastorePath[1:end]
	rel := strings.TrimSpace(datastorePath[end+1:])
	for _, e := range simulator.Map.All("Datastore") {
		ds := e.(*simulator.Datastore)
		if ds.Name == name {
			return path.Join(ds.Info.GetDatastoreInfo().Url, strings.Replace(rel, ".vmdk", "-flat.vmdk", 1))
		}
	}
	log.Fatalf("no datastore %s", name)
	return ""
}

func announce(addr string, cert []byte) {
	dirs := map[string]string{}
	for _, e := range simulator.Map.All("Datastore") {
		ds := e.(*simulator.Datastore)
		dirs[ds.Name] = ds.Info.GetDatastoreInfo().Url
	}
	line, _ := json.Marshal(map[string]interface{}{
		"url":        "https://" + addr + "/sdk",
		"thumbprint": fmt.Sprintf("%x", sha256.Sum256(cert)),
		"datastores": dirs,
	})
	fmt.Println(string(line))
}

func waitForStop() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		_, _ = io.Copy(ioutil.Discard, os.Stdin)
		stop <- syscall.SIGTERM
	}()
	<-stop
}

// frontHandler answers QueryChangedDiskAreas itself (vcsim 0.24 has no such method and VMs
// cannot be wrapped without breaking its snapshot code) and passes everything else on.
type frontHandler struct {
	inner      http.Handler
	tracker    *changeTracker
	failRemove bool
}

func (h *frontHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/sendense/") {
		serveHook(w, r)
		return
	}
	if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/folder/") {
		wrapped, ok := wrapDownload(w, r)
		if !ok {
			return
		}
		w = wrapped
	}
	if r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/folder/") {
		if !wrapUpload(w, r) {
			return
		}
	}
	if r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/sdk") {
		body, _ := ioutil.ReadAll(r.Body)
		if h.failRemove && bytes.Contains(body, []byte("RemoveSnapshot_Task>")) {
			writeFault(w, "TaskInProgress", "the snapshot is busy (test: -fail-remove-snapshot)")
			return
		}
		if h.tracker != nil && bytes.Contains(body, []byte("QueryChangedDiskAreas>")) {
			h.tracker.serveQuery(w, r, body)
			return
		}
		if h.tracker != nil && bytes.Contains(body, []byte("<changeTrackingEnabled>false<")) {
			h.tracker.resetFromReconfigure(body)
		}
		r.Body = ioutil.NopCloser(bytes.NewReader(body))
	}
	h.inner.ServeHTTP(w, r)
}

// restrictedAuthz answers HasPrivilegeOnEntity with false for denied privileges (vcsim grants all).
type restrictedAuthz struct {
	*simulator.AuthorizationManager
	deny map[string]bool
}

func (a *restrictedAuthz) HasPrivilegeOnEntity(req *types.HasPrivilegeOnEntity) soap.HasFault {
	granted := make([]bool, len(req.PrivId))
	for i, id := range req.PrivId {
		granted[i] = !a.deny[id]
	}
	return &privilegeBody{Res: &HasPrivilegeOnEntityResponse{Returnval: granted}}
}

// HasPrivilegeOnEntityResponse replaces govmomi's type, whose "omitempty" drops every false.
type HasPrivilegeOnEntityResponse struct {
	Returnval []bool `xml:"returnval"`
}

type privilegeBody struct {
	Res *HasPrivilegeOnEntityResponse
}

func (b *privilegeBody) Fault() *soap.Fault { return nil }

func denyPrivileges(ref types.ManagedObjectReference, ids []string) {
	authz := &restrictedAuthz{simulator.Map.Get(ref).(*simulator.AuthorizationManager), map[string]bool{}}
	for _, id := range ids {
		authz.deny[strings.TrimSpace(id)] = true
	}
	simulator.Map.Put(authz)
}
