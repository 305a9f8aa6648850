package io.orderflow.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;

import java.util.Map;

import io.orderflow.order.Orders;
import io.orderflow.testsupport.ApiClient;
import io.orderflow.testsupport.ApiClient.Response;
import io.orderflow.testsupport.TestOrders;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Storing an order and starting its lifecycle are one transaction: a failure after the insert (here:
 * the process's first task crashes) leaves neither an order nor a process instance behind.
 */
abstract class CaptureAtomicityTest {

	@LocalServerPort
	int port;

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@MockitoSpyBean
	Orders orders;

	@Test
	void failureAfterTheInsertLeavesNeitherOrderNorProcess() {
		// Given the lifecycle's first task crashes once the order row is written
		doThrow(new IllegalStateException("simulated crash after the insert")).when(orders)
			.attachProcessInstance(any(), any(), any());
		long ordersBefore = count("orders");
		long linesBefore = count("order_line");
		long timelineBefore = count("order_timeline");
		long historyBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
		long runningBefore = engine.getRuntimeService().createProcessInstanceQuery().count();
		Map<String, Object> order = TestOrders.valid();

		// When the order is submitted
		Response response = ApiClient.on(port).as("integrator").post("/api/orders", order);

		// Then the request fails and nothing of it remains
		assertThat(response.status()).isEqualTo(500);
		assertThat(count("orders")).isEqualTo(ordersBefore);
		assertThat(count("order_line")).isEqualTo(linesBefore);
		assertThat(count("order_timeline")).isEqualTo(timelineBefore);
		assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(historyBefore);
		assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(runningBefore);
	}

	@Test
	void orderSubmittedAgainAfterAFailureIsAccepted() {
		Map<String, Object> order = TestOrders.valid();
		doThrow(new IllegalStateException("simulated crash")).when(orders).attachProcessInstance(any(), any(), any());
		assertThat(ApiClient.on(port).as("integrator").post("/api/orders", order).status()).isEqualTo(500);

		reset(orders);
		Response retry = ApiClient.on(port).as("integrator").post("/api/orders", order);

		assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}
