package io.sendense.plugins.vmware;

import com.vmware.vim25.ManagedObjectReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;
import org.doublecloud.ws.util.TypeUtil;

/**
 * Removes from a SOAP response what yavijava 6.0.05 cannot map: elements for fields, types and enum
 * values newer than vSphere API 6.0.
 *
 * <p>yavijava maps each element to a public field by name and fails the whole call on the first
 * unknown one (for example {@code ServiceContent.vStorageObjectManager} from a 6.5+ server, which
 * breaks login). Newer servers only ever add such elements, so dropping them loses nothing that the
 * 6.0 object model could have held.
 */
final class ResponsePruner {

  private static final QName XSI_TYPE =
      QName.get("type", Namespace.get("xsi", "http://www.w3.org/2001/XMLSchema-instance"));

  private ResponsePruner() {}

  /**
   * Prunes the children of a response element ({@code ...Response}), whose {@code returnval}
   * elements hold values of {@code returnType} (a vim type name, maybe with {@code []}).
   */
  static void pruneResponse(Element response, String returnType) {
    String itemType =
        returnType.endsWith("[]") ? returnType.substring(0, returnType.length() - 2) : returnType;
    if (itemType.startsWith("ManagedObjectReference") || TypeUtil.isBasicType(itemType)) {
      return;
    }
    for (Element value : children(response)) {
      Class<?> type = typeOf(value, TypeUtil.getVimClass(itemType));
      if (type == null) {
        response.remove(value);
      } else {
        prune(value, type);
      }
    }
  }

  /** Prunes the children of {@code element}, which maps to an instance of {@code type}. */
  static void prune(Element element, Class<?> type) {
    for (Element child : children(element)) {
      Field field = field(type, child.getName());
      if (field == null) {
        element.remove(child);
        continue;
      }
      Class<?> declared =
          field.getType().isArray() ? field.getType().getComponentType() : field.getType();
      Class<?> actual = typeOf(child, declared);
      if (actual == null || !fits(child, actual)) {
        element.remove(child);
      } else if (isDataObject(actual)) {
        prune(child, actual);
      }
    }
  }

  private static List<Element> children(Element element) {
    List<Element> list = new ArrayList<>();
    for (Object o : element.elements()) {
      list.add((Element) o);
    }
    return list;
  }

  private static Field field(Class<?> type, String tag) {
    try {
      return type.getField(TypeUtil.isPrimitiveType(tag) ? "_" + tag : tag);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  /** The class named by the element's xsi:type, else {@code declared}; null if unknown here. */
  private static Class<?> typeOf(Element element, Class<?> declared) {
    String xsiType = element.attributeValue(XSI_TYPE);
    if (xsiType == null || xsiType.startsWith("xsd:")) {
      return declared;
    }
    return TypeUtil.getVimClass(xsiType);
  }

  /** Whether an enum value is one this yavijava knows; other types always fit. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean fits(Element element, Class<?> type) {
    if (!type.isEnum()) {
      return true;
    }
    try {
      Enum.valueOf((Class) type, element.getText());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isDataObject(Class<?> type) {
    return type != ManagedObjectReference.class
        && type != Object.class
        && !type.isEnum()
        && !TypeUtil.isBasicType(type)
        && type.getName().startsWith("com.vmware.vim25.");
  }
}
