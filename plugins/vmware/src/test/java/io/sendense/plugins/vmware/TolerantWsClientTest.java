package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ServiceContent;
import com.vmware.vim25.TaskInfo;
import com.vmware.vim25.TaskInfoState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two yavijava fixes, on responses shaped like vcsim 0.24's. */
class TolerantWsClientTest {

  private static final String ENVELOPE =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope"
          + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
          + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>%s"
          + "</soapenv:Body></soapenv:Envelope>";

  private final TolerantWsClient client = newClient();

  private static TolerantWsClient newClient() {
    try {
      return new TolerantWsClient("https://127.0.0.1:1/sdk", false, null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Object parse(String returnType, String body) throws Exception {
    byte[] xml = String.format(ENVELOPE, body).getBytes(StandardCharsets.UTF_8);
    return client.unMarshall(returnType, new ByteArrayInputStream(xml));
  }

  @Test
  void fieldsNewerThanApi60AreDroppedInsteadOfFailingLogin() throws Exception {
    ServiceContent content =
        (ServiceContent)
            parse(
                "ServiceContent",
                "<RetrieveServiceContentResponse xmlns=\"urn:vim25\"><returnval>"
                    + "<rootFolder type=\"Folder\">group-d1</rootFolder>"
                    + "<vStorageObjectManager type=\"VcenterVStorageObjectManager\">x</vStorageObjectManager>"
                    + "<about><name>VMware vCenter Server</name><apiVersion>6.5</apiVersion>"
                    + "<unknownNewField>1</unknownNewField></about>"
                    + "</returnval></RetrieveServiceContentResponse>");
    assertEquals("group-d1", content.getRootFolder().getVal());
    assertEquals("6.5", content.getAbout().getApiVersion());
  }

  @Test
  void referenceTypeIsReadEvenWhenTheXsiTypeUsesAnotherPrefixAndComesFirst() throws Exception {
    ObjectContent[] contents =
        (ObjectContent[])
            parse(
                "ObjectContent[]",
                "<RetrievePropertiesResponse xmlns=\"urn:vim25\"><returnval>"
                    + "<obj type=\"VirtualMachine\">vm-57</obj><propSet><name>snapshot.currentSnapshot</name>"
                    + "<val xmlns:XMLSchema-instance=\"http://www.w3.org/2001/XMLSchema-instance\""
                    + " XMLSchema-instance:type=\"ManagedObjectReference\" type=\"VirtualMachineSnapshot\">snapshot-69</val>"
                    + "</propSet></returnval></RetrievePropertiesResponse>");
    ManagedObjectReference ref = (ManagedObjectReference) contents[0].getPropSet()[0].getVal();
    assertEquals("VirtualMachineSnapshot", ref.getType());
    assertEquals("snapshot-69", ref.getVal());
  }

  @Test
  void unknownEnumValuesAndTypesAreDropped() throws Exception {
    TaskInfo info =
        (TaskInfo)
            parse(
                "TaskInfo",
                "<RetrievePropertiesResponse xmlns=\"urn:vim25\"><returnval>"
                    + "<key>task-1</key><state>success</state><cancelable>false</cancelable>"
                    + "<result xsi:type=\"SomeTypeFromApi8\"><x>1</x></result>"
                    + "<reason xsi:type=\"TaskReasonUser\"><userName>u</userName></reason>"
                    + "</returnval></RetrievePropertiesResponse>");
    assertEquals(TaskInfoState.success, info.getState());
    assertNull(info.getResult());
    assertEquals("task-1", info.getKey());
  }
}
