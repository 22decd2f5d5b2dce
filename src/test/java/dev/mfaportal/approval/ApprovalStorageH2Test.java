package dev.mfaportal.approval;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

@JdbcTest
@Import(ApprovalRepository.class)
class ApprovalStorageH2Test extends ApprovalStorageContract {

}
