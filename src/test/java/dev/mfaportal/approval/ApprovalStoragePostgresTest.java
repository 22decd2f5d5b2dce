package dev.mfaportal.approval;

import dev.mfaportal.support.PostgresJdbcTest;

import org.springframework.context.annotation.Import;

@PostgresJdbcTest
@Import(ApprovalRepository.class)
class ApprovalStoragePostgresTest extends ApprovalStorageContract {

}
