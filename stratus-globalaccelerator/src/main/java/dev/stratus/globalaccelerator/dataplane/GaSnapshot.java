package dev.stratus.globalaccelerator.dataplane;

import dev.stratus.core.store.ReadView;
import dev.stratus.globalaccelerator.model.Accelerator;
import dev.stratus.globalaccelerator.model.AcceleratorListener;
import dev.stratus.globalaccelerator.model.EndpointGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every accelerator, listener and endpoint group, as the data plane routes by them. */
record GaSnapshot(Map<String, Accelerator> accelerators, Map<String, AcceleratorListener> listeners,
    Map<String, List<EndpointGroup>> groupsByListener) {

  static GaSnapshot load(ReadView committed) {
    Map<String, Accelerator> accelerators = new HashMap<>();
    committed.listAll(Accelerator.TABLE).forEach(a -> accelerators.put(a.arn(), a));
    Map<String, AcceleratorListener> listeners = new HashMap<>();
    committed.listAll(AcceleratorListener.TABLE).forEach(l -> listeners.put(l.arn(), l));
    Map<String, List<EndpointGroup>> groups = new HashMap<>();
    committed.listAll(EndpointGroup.TABLE).forEach(g -> groups.computeIfAbsent(g.listenerArn(), k -> new ArrayList<>()).add(g));
    groups.replaceAll((k, v) -> List.copyOf(v));
    return new GaSnapshot(Map.copyOf(accelerators), Map.copyOf(listeners), Map.copyOf(groups));
  }

  List<EndpointGroup> groupsOf(String listenerArn) { return groupsByListener.getOrDefault(listenerArn, List.of()); }
}
